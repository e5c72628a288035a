export default function EvidenceLibrary() { return null; }
