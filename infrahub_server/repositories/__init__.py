"""Git repositories integrated with the server: clones, per-commit worktrees and the import of
their `.infrahub.yml` (schemas, objects, queries, transforms, artifact, generator and check
definitions) onto the branch being synced."""
