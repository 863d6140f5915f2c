//! Project files as they were at a git revision, for `diff --since REV [--until REV]`: editors
//! compare against what was published, and that lives in the project's git history. Read
//! with `gix` (object database only: no worktree, index or network features), never by
//! parsing `git` output.

use std::path::{Component, Path, PathBuf};

use crate::error::{Error, Result};

/// The git repository holding a project, and where the project sits inside it.
pub(crate) struct Repository {
    repo: gix::Repository,
    /// The project root relative to the repository's working tree (empty at the top).
    prefix: PathBuf,
}

impl std::fmt::Debug for Repository {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Repository")
            .field("git_dir", &self.repo.git_dir())
            .field("prefix", &self.prefix)
            .finish()
    }
}

/// One revision's tree: files are read from it by their path in the project.
pub(crate) struct Snapshot<'r> {
    repository: &'r Repository,
    tree: gix::Tree<'r>,
    /// The revision as the user named it, for labels and errors.
    pub(crate) name: String,
}

impl std::fmt::Debug for Snapshot<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Snapshot")
            .field("name", &self.name)
            .field("tree", &self.tree.id)
            .finish()
    }
}

impl Repository {
    /// The repository that holds the project at `root`; a clear error when there is none.
    pub(crate) fn discover(root: &Path) -> Result<Repository> {
        let not_git = || {
            Error::Usage(format!(
                "{} is not in a git repository: `diff --since` compares with the project's git history; commit the project with git first, or compare two files with `honyaku diff OLD NEW`",
                root.display()
            ))
        };
        let repo = gix::discover(root).map_err(|_| not_git())?;
        let workdir = repo.workdir().ok_or_else(not_git)?;
        let canonical =
            |path: &Path| std::fs::canonicalize(path).map_err(|error| Error::io(path, error));
        let (workdir, root) = (canonical(workdir)?, canonical(root)?);
        let prefix = root
            .strip_prefix(&workdir)
            .map_err(|_| not_git())?
            .to_owned();
        Ok(Repository { repo, prefix })
    }

    /// The tree of a revision (`v1.0`, `HEAD~2`, a commit id: anything `git rev-parse`
    /// takes that names a commit).
    pub(crate) fn snapshot(&self, rev: &str) -> Result<Snapshot<'_>> {
        let unknown = |why: String| {
            Error::Usage(format!(
                "unknown revision `{rev}`: {why}; name a commit, tag or branch (`git log --oneline` lists them)"
            ))
        };
        let id = self
            .repo
            .rev_parse_single(rev)
            .map_err(|error| unknown(error.to_string().to_lowercase()))?;
        let tree = id
            .object()
            .map_err(|error| unknown(error.to_string().to_lowercase()))?
            .peel_to_tree()
            .map_err(|error| unknown(error.to_string().to_lowercase()))?;
        Ok(Snapshot {
            repository: self,
            tree,
            name: rev.to_owned(),
        })
    }
}

impl Snapshot<'_> {
    /// The bytes of a project file (a path relative to the project root) at this revision,
    /// as UTF-8 text; `None` when the file did not exist then.
    pub(crate) fn read(&self, relative: &Path) -> Result<Option<String>> {
        let path = self.repository.prefix.join(relative);
        let mut parts = Vec::new();
        for component in path.components() {
            match component {
                Component::Normal(part) => parts.push(part.to_string_lossy().into_owned()),
                Component::CurDir => {}
                _ => return Ok(None),
            }
        }
        let failed = |error: String| {
            Error::Usage(format!(
                "cannot read {} at revision `{}`: {}",
                relative.display(),
                self.name,
                error.to_lowercase()
            ))
        };
        let entry = self
            .tree
            .lookup_entry(parts.iter().map(String::as_str))
            .map_err(|error| failed(error.to_string()))?;
        let Some(entry) = entry else { return Ok(None) };
        if !entry.mode().is_blob() {
            return Ok(None);
        }
        let object = entry.object().map_err(|error| failed(error.to_string()))?;
        let text = String::from_utf8(object.data.clone()).map_err(|_| {
            failed(String::from(
                "not UTF-8 text (honyaku reads source texts and catalogs as UTF-8)",
            ))
        })?;
        Ok(Some(text))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_directory_outside_any_repository_is_a_clear_error() {
        let Ok(dir) = tempfile::tempdir() else { return };
        // A temporary directory may sit inside a repository on some machines; only judge
        // the message where it does not.
        if gix::discover(dir.path()).is_ok() {
            return;
        }
        let error = Repository::discover(dir.path()).map(|_| ()).unwrap_err();
        assert!(error.to_string().contains("is not in a git repository"));
    }
}
