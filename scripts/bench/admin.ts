export const adminCases: import("./types").BenchCases = async () => [];
