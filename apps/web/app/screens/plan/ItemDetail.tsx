export default function ItemDetail() { return null; }
