"""What users read from a store: saved queries, networkx projections and analysis, timelines, claims, explanations, the HTML page and graph formats."""
