// Placeholder: the architecture helper's import-direction rules (README "Architecture") replace this file.
export default []
