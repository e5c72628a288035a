export default function Scores() { return null; }
