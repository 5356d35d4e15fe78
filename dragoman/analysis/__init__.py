"""Analysis of stored events: dyad series, indices, turning points, networks."""
