"""What analysts ask of the database, and how answers are printed and exported."""
