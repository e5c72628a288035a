export default function Progress() { return null; }
