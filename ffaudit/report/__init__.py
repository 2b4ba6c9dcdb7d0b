"""Renderers: values in, ``str`` out (ending in a newline). Nothing here prints."""
