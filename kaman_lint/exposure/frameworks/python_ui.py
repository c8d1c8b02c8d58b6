"""Streamlit and Gradio (client-exposure.md §4.10, §5.4): the script runs on the server, but
what it displays, and a component's value, is sent to the browser."""

STREAMLIT_MODULES = ("st", "streamlit", "components")
STREAMLIT_CALLS = frozenset({"write", "markdown", "text", "code", "json", "caption", "metric", "text_input",
                             "text_area", "html", "title", "header", "subheader", "info", "success", "warning",
                             "error", "dataframe", "table"})
GRADIO_MODULES = ("gr", "gradio")
GRADIO_SHOWN = frozenset({"value", "placeholder", "label", "info", "js", "head", "css", "examples"})
GRADIO_NON_VALUE_FIRST_ARG = frozenset({"Interface", "ChatInterface", "TabbedInterface", "Blocks", "Row", "Column",
                                        "Tab", "Group", "Accordion"})
