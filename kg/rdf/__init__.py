"""Records -> RDF: the closed vocabulary, IRIs, quads, SHACL shapes and serialisation."""
