"""The RDF store: a local Oxigraph folder or a remote SPARQL endpoint behind one interface, its lock, version record and caches."""
