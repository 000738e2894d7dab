"""News text to draft records: language, dates, transliteration (the building blocks of ``kg extract``)."""
