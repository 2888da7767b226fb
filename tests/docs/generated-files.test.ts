// Generated files stay in step with the code: the committed SDL in schema/ and the configuration table of
// docs/configuration.md.
import { readFileSync } from "node:fs";
import { SETTING_NAMES } from "../../src/config";
import { staleSchemaFiles } from "../../scripts/check-schema";
import { CONFIG_DOC, docWithTable, settingDocs } from "../../scripts/config-docs";

describe("generated files", () => {
  it("schema/*.graphql is what the code generates (npm run check:schema)", async () => {
    expect(await staleSchemaFiles()).toEqual([]);
  });

  it("docs/configuration.md's table lists every setting of src/config.ts with its default", () => {
    const doc = readFileSync(CONFIG_DOC, "utf8");
    expect(docWithTable(doc)).toBe(doc);
    const docs = settingDocs();
    // A setting without a doc comment would be missing from the table.
    expect(docs.map((d) => d.name)).toEqual([...SETTING_NAMES]);
    for (const s of docs) expect(s.meaning.length).toBeGreaterThan(5);
  });
});
