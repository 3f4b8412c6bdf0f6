"""Plain ASGI middleware: request body limits, timeouts, request counting."""
