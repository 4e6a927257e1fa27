/** One refused field, as Payload's ValidationError lists it: the field's path and a message for the reader. */
export type FieldError = { message: string; path: string }
