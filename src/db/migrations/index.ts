// Every migration, in order. New migrations are appended here.
import { InitialSchema1764170000000 } from "./1764170000000-initial-schema";
import { SpeakerNameKeys1764175000000 } from "./1764175000000-speaker-name-keys";
import { ReadersAndEditors1764180000000 } from "./1764180000000-readers-and-editors";
import { ReadPathIndexes1764190000000 } from "./1764190000000-read-path-indexes";
import { LiveSources1796611733700 } from "./1796611733700-live-sources";
import { QuoteAttributionEvidence1796612615449 } from "./1796612615449-quote-attribution-evidence";
import { SpeakerFacets1796612989937 } from "./1796612989937-speaker-facets";
import { AnalyticsIndexes1796614136055 } from "./1796614136055-analytics-indexes";

export const MIGRATIONS = [
  InitialSchema1764170000000,
  SpeakerNameKeys1764175000000,
  ReadersAndEditors1764180000000,
  ReadPathIndexes1764190000000,
  LiveSources1796611733700,
  QuoteAttributionEvidence1796612615449,
  SpeakerFacets1796612989937,
  AnalyticsIndexes1796614136055,
];
