"""attribute: quotes with speaker, verb and channel; reported-by provenance; modality.

    find_quotes(doc, actors, published=None, dates=())  -> list[Quote]
    attribute_quotes(doc, actors, ...)                  -> list[QuoteAttribution] (with cue/source offsets)
    find_reported_by(sent)                              -> list[str]
    sentence_attribution(sent)                          -> Attribution
    modality_of(trigger)                                -> {negated, hypothetical, future, hedged}
    explain_modality(trigger)                           -> the cue words behind each flag
"""
from __future__ import annotations

from forewarn.attribute.modality import explain_modality, modality_of
from forewarn.attribute.quotes import (QuoteAttribution, QuoteMarks, attribute_quotes, find_quote_marks,
                                       find_quotes)
from forewarn.attribute.reporting import Attribution, find_reported_by, sentence_attribution

__all__ = [
    "Attribution", "QuoteAttribution", "QuoteMarks", "attribute_quotes", "explain_modality", "find_quote_marks", "find_quotes",
    "find_reported_by", "modality_of", "sentence_attribution",
]
