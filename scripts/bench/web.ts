export const webCases: import("./types").BenchCases = async () => [];
