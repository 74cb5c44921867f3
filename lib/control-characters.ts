// SPEC §12: control characters are refused in text. Single-line text refuses every C0 control
// character, DEL and the bidirectional embeddings, overrides and isolates (U+202A–U+202E,
// U+2066–U+2069: they make a name display as another); multiline text also allows tab, line feed
// and carriage return. Right-to-left text and the LRM/RLM marks stay allowed. The sets are
// regex class contents (escapes, not the characters), so every pattern built from them, including
// the ones the OpenAPI document carries, reads the same.

const BIDI_CONTROLS = "\\u202a-\\u202e\\u2066-\\u2069";
export const CONTROL_CHARACTERS = `\\u0000-\\u001f\\u007f${BIDI_CONTROLS}`;
export const CONTROL_CHARACTERS_BUT_LINE_BREAKS = `\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f${BIDI_CONTROLS}`;

const controlSet = (multiline: boolean) => (multiline ? CONTROL_CHARACTERS_BUT_LINE_BREAKS : CONTROL_CHARACTERS);

/** Text (possibly empty) with no control character. */
export const noControlPattern = (multiline: boolean) => new RegExp(`^[^${controlSet(multiline)}]*$`);

/** Any control character, for a search inside a value. */
export const controlCharacter = (multiline: boolean) => new RegExp(`[${controlSet(multiline)}]`);

/**
 * Some non-space text with no control character, between any white space (which trim removes). As
 * a pattern it matches the value as sent exactly when the trimmed value is valid, so the OpenAPI
 * document states the same rule as the regex (a regex, not a refine, so the document carries it).
 */
export function trimmedTextPattern(multiline: boolean): RegExp {
  const control = controlSet(multiline);
  return new RegExp(`^\\s*[^\\s${control}](?:[^${control}]*[^\\s${control}])?\\s*$`);
}
