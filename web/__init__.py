"""The clinic's demo web page that embeds the chat widget."""
