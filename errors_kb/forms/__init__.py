"""Forms of the guide and the diagnoser: admin editing, query strings, the paste box."""
