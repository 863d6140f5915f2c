//! `honyaku lsp` with clients nobody here wrote: pytest-lsp (PyPI) drives open, change,
//! diagnostics, hover, code actions, completion, definition and symbols
//! (`tests/lsp_clients/test_pytest_lsp.py`), and Neovim's built-in LSP client opens a French
//! catalog with a stale entry and a wrong year and reads back the diagnostics and a hover
//! (`tests/lsp_clients/nvim_test.lua`). `.ci/lsp.sh` installs both; with `CI=true` a missing
//! tool fails the test, elsewhere it is skipped with a message.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "tests: a failure here is a failed test"
)]

mod common;

use std::process::Command;

use common::{TempProject, copy_dir, repo};

const DOC: &str = "2021-03-26-5g-regional-deployment-plan";

/// Whether a tool runs; under CI a missing tool is a failure, never a silent pass.
fn available(program: &str, args: &[&str]) -> bool {
    let ok = Command::new(program)
        .args(args)
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "{program} {args:?} is missing: .ci/lsp.sh installs it"
        );
        eprintln!("skipped: {program} {args:?} is not available (run .ci/lsp.sh)");
    }
    ok
}

#[test]
fn pytest_lsp_drives_the_server() {
    if !available("python3", &["-c", "import pytest_lsp"]) {
        return;
    }
    let output = Command::new("python3")
        .args(["-m", "pytest", "-q", "-p", "no:cacheprovider"])
        .args(["-o", "asyncio_default_fixture_loop_scope=function"])
        .arg(repo().join("tests/lsp_clients/test_pytest_lsp.py"))
        .env("HONYAKU_BIN", env!("CARGO_BIN_EXE_honyaku"))
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "pytest-lsp failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(stdout.contains("4 passed"), "{stdout}");
}

#[test]
fn neovim_shows_a_stale_entry_a_wrong_year_and_a_hover() {
    if !available("nvim", &["--version"]) {
        return;
    }
    let project = TempProject::new();
    copy_dir(
        &repo().join("source_texts"),
        &project.path().join("source_texts"),
    );
    copy_dir(&repo().join("locales"), &project.path().join("locales"));
    let relative = format!("locales/fr/{DOC}.ftl");
    let original = project.read(&relative);
    assert!(original.contains("release-date = 26 mars 2021\n"));
    let wrong = original.replace(
        "release-date = 26 mars 2021\n",
        "release-date = 26 mars 2020\n",
    );
    project.write(&relative, &wrong);
    let lines: Vec<&str> = wrong.lines().collect();
    let year_line = lines
        .iter()
        .position(|l| l.starts_with("release-date ="))
        .unwrap();
    let stale_mark = lines
        .iter()
        .position(|l| l.starts_with("# stale:"))
        .unwrap();
    let stale_line = stale_mark
        + lines[stale_mark..]
            .iter()
            .position(|l| !l.starts_with('#'))
            .unwrap();
    let out = project.path().join("nvim.json");
    let output = Command::new("nvim")
        .args([
            "--headless",
            "-n",
            "-i",
            "NONE",
            "--clean",
            "-u",
            "NONE",
            "-c",
        ])
        .arg(format!(
            "luafile {}",
            repo().join("tests/lsp_clients/nvim_test.lua").display()
        ))
        .env("HONYAKU_BIN", env!("CARGO_BIN_EXE_honyaku"))
        .env("CATALOG", project.path().join(&relative))
        .env("HOVER_LINE", stale_line.to_string())
        .env("OUT", &out)
        .output()
        .unwrap();
    let result = std::fs::read_to_string(&out).unwrap_or_else(|e| {
        panic!(
            "nvim wrote no result ({e}):\n{}\n{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        )
    });
    let result: serde_json::Value = serde_json::from_str(&result).unwrap();
    let diagnostics = result["diagnostics"].as_array().unwrap();
    let find = |code: &str| {
        diagnostics
            .iter()
            .filter(|d| d["code"] == code)
            .collect::<Vec<_>>()
    };
    // Neovim's severities: 1 error, 2 warning, 3 info, 4 hint.
    let year = find("numbers");
    assert_eq!(year.len(), 1, "{result}");
    assert_eq!(year[0]["line"], year_line);
    assert_eq!(year[0]["severity"], 1);
    assert!(
        year[0]["message"].as_str().unwrap().contains("2021"),
        "{result}"
    );
    let stale = find("stale");
    assert!(
        stale
            .iter()
            .any(|d| d["line"] == stale_line && d["severity"] == 2),
        "{result}"
    );
    let hover = result["hover"]
        .as_str()
        .unwrap_or_else(|| panic!("no hover: {result}"));
    assert!(
        hover.contains("**was en**") && hover.contains("**ja** (original)"),
        "{hover}"
    );
}
