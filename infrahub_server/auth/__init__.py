"""Who is calling: passwords, API tokens, JWT sessions and the account behind a request."""
