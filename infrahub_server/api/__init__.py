"""The HTTP edge: REST routes, the GraphQL endpoint, and the translation of errors into the
protocol's envelopes."""
