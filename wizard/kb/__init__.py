"""The knowledge base: data files -> validated schema -> database -> `rules` domain objects."""
