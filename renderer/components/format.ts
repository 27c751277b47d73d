export const formatTimestamp = (at: number): string => new Date(at).toLocaleString();
