// Zod 4 probes whether it may compile parsers with `new Function`; under the CSP (no 'unsafe-eval',
// decision 0010) that probe is a reported violation on every page with a form. Interpreted
// parsing is plenty for forms. Imported first by the client components that parse with zod.
import { z } from "zod";

z.config({ jitless: true });
