// Generated files stay in step with the code: the committed SDL in schema/ and README's configuration table.
import { readFileSync } from "node:fs";
import { SETTING_NAMES } from "../../src/config";
import { projectPath } from "../../src/paths";
import { staleSchemaFiles } from "../../scripts/check-schema";
import { readmeWithTable, settingDocs } from "../../scripts/config-docs";

describe("generated files", () => {
  it("schema/*.graphql is what the code generates (npm run check:schema)", async () => {
    expect(await staleSchemaFiles()).toEqual([]);
  });

  it("README's configuration table lists every setting of src/config.ts with its default", () => {
    const readme = readFileSync(projectPath("README.md"), "utf8");
    expect(readmeWithTable(readme)).toBe(readme);
    const docs = settingDocs();
    // A setting without a doc comment would be missing from the table.
    expect(docs.map((d) => d.name)).toEqual([...SETTING_NAMES]);
    for (const s of docs) expect(s.meaning.length).toBeGreaterThan(5);
  });
});
