export default function Plan() { return null; }
