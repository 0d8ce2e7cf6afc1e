"""Who sits with whom: casting of roles, pairs, stations and the table mixer."""
