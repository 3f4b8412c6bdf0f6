"""Stored GraphQL queries, Jinja2 and Python transforms, and the sandboxes user content runs in.

    queries.py         run a stored `CoreGraphQLQuery` (`run_stored_query`), the query groups it feeds
    query_analysis.py  `CoreGraphQLQuery` analysed on save (variables, operations, models, depth, height)
    parameters.py      URL query parameters as a stored query's variables
    transforms.py      `render_jinja2` and `run_python_transform`
    sandbox.py         the sandboxed Jinja2 environment with netutils' filters
    user_code.py       user Python in a subprocess with a timeout and a memory limit
    user_code_runner.py  the child side of user_code (a script, not imported)
    lookup.py          automation nodes by name or id, their peers

Importing the package registers the `CoreGraphQLQuery` hooks with the node service.
"""

from infrahub_server.automation import query_analysis as query_analysis
