"""The inter-agency capstone: story (phases, roles, options), decision checking and printable role cards."""
