export const intakeCases: import("./types").BenchCases = async () => [];
