"""Automatic coding of online job ads to KZiS 2023 occupations (issue 8)."""
