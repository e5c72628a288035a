export default function TeamView() { return null; }
