//! Placeables that cannot resolve: terms the catalog does not define, other messages that do
//! not exist, and variables (a build passes none, so they would print as errors).

use fluent_syntax::ast;

use super::{Check, Entry, Problem};

/// `unknown-term` and `placeables`: what the message's placeables refer to.
pub(crate) struct References;

impl Check for References {
    fn ids(&self) -> &[&'static str] {
        &["unknown-term", "placeables"]
    }

    fn run(&self, entry: &Entry<'_>, out: &mut Vec<Problem>) {
        let Some(message) = entry.parsed else {
            return;
        };
        let patterns = message
            .value
            .iter()
            .chain(message.attributes.iter().map(|a| &a.value));
        for pattern in patterns {
            walk_pattern(pattern, &mut |expression| {
                match expression {
                ast::InlineExpression::TermReference { id, .. }
                    if !entry.defined.terms.contains(id.name) =>
                {
                    out.push(Problem::error(
                        "unknown-term",
                        format!("term `-{}` is not defined in this catalog", id.name),
                    ));
                }
                ast::InlineExpression::MessageReference { id, .. }
                    if !entry.defined.messages.contains(id.name) =>
                {
                    out.push(Problem::error(
                        "placeables",
                        format!("message `{}` referenced here does not exist", id.name),
                    ));
                }
                ast::InlineExpression::VariableReference { id } => out.push(Problem::error(
                    "placeables",
                    format!(
                        "variable `${}` is not in the source and nothing supplies it at build time",
                        id.name
                    ),
                )),
                _ => {}
            }
            });
        }
    }
}

fn walk_pattern<'s>(
    pattern: &ast::Pattern<&'s str>,
    visit: &mut impl FnMut(&ast::InlineExpression<&'s str>),
) {
    for element in &pattern.elements {
        if let ast::PatternElement::Placeable { expression } = element {
            walk_expression(expression, visit);
        }
    }
}

fn walk_expression<'s>(
    expression: &ast::Expression<&'s str>,
    visit: &mut impl FnMut(&ast::InlineExpression<&'s str>),
) {
    match expression {
        ast::Expression::Inline(inline) => walk_inline(inline, visit),
        ast::Expression::Select { selector, variants } => {
            walk_inline(selector, visit);
            for variant in variants {
                walk_pattern(&variant.value, visit);
            }
        }
    }
}

fn walk_inline<'s>(
    inline: &ast::InlineExpression<&'s str>,
    visit: &mut impl FnMut(&ast::InlineExpression<&'s str>),
) {
    visit(inline);
    if let ast::InlineExpression::Placeable { expression } = inline {
        walk_expression(expression, visit);
    }
}
