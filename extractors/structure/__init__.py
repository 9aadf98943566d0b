"""The dispatch's form, parsed once: markers, zones and items that every extractor reads."""
