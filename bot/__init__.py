"""The question → Answer core, its renderers, the CLI and the chat adapters."""
