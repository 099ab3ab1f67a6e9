print("connecting to the database...")
raise ConnectionError("database is not reachable")
