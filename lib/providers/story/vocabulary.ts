/**
 * Fixed word banks for the offline story planner: places, times of day, moods and the camera
 * moves the motion parser downstream understands. Data only, so the planner stays readable.
 */

export interface SettingDef {
  key: string;
  keywords: string[];
  /** Short noun phrase used in narration and descriptions ("the garage"). */
  short: string;
  /** Concrete framings with their preposition ("at a workbench ..."); scenes rotate through them. */
  spots: string[];
  /** Where the character is, for narration ("on the stage", "at home"). */
  at: string;
  activities: string[];
  ambient: string[];
  indoor: boolean;
}

const s = (key: string, keywords: string[], short: string, spots: string[], activities: string[], ambient: string[], indoor = true): SettingDef => ({
  key,
  keywords,
  short,
  spots,
  activities,
  ambient,
  indoor,
  at: AT[key] ?? `in ${short}`,
});

// English wants different prepositions for some places ("on the stage", "at home").
const AT: Record<string, string> = {
  stage: "on the stage",
  market: "at the market",
  beach: "on the beach",
  mountain: "on the mountain",
  farm: "on the farm",
  home: "at home",
  space: "aboard the spaceship",
  road: "on the road",
  race: "on the race course",
  desert: "in the desert",
  ruins: "among the ruins",
};

export const SETTINGS: SettingDef[] = [
  s(
    "garage",
    ["garage", "workshop", "workbench"],
    "the garage",
    ["in a cluttered garage workshop with hanging tools", "at a workbench strewn with prototypes and cables", "by an open garage door framing the driveway"],
    ["tinkering with a prototype at the workbench", "sketching plans on a whiteboard", "soldering a circuit board"],
    ["dust drifting through a shaft of light", "a desk fan slowly turning", "cables swaying gently"],
  ),
  s(
    "office",
    ["office", "startup", "company", "boardroom", "business", "corporate", "desk", "coworking"],
    "the office",
    ["in a glass-walled open-plan office", "in front of a whiteboard wall covered in sticky notes", "at a quiet corner desk by a tall window"],
    ["typing fast on a laptop", "mapping ideas on a whiteboard", "leading a huddle around a table"],
    ["monitors flickering softly", "colleagues blurring past in the background", "city traffic moving beyond the glass"],
  ),
  s(
    "stage",
    ["stage", "launch", "keynote", "ipo", "concert", "show", "theater", "theatre", "audience", "premiere", "performance", "gig"],
    "the stage",
    ["on a spotlit stage facing a packed audience", "in the wings backstage behind a velvet curtain", "in front of a huge LED screen behind the stage"],
    ["stepping into the spotlight", "waiting backstage with a deep breath", "addressing the crowd with open arms"],
    ["spotlight beams cutting through haze", "the crowd rising to its feet", "confetti drifting down"],
  ),
  s(
    "kitchen",
    ["kitchen", "bake", "baking", "cook", "cooking", "recipe", "sourdough", "bread", "chef", "meal"],
    "the kitchen",
    ["in a warm home kitchen with flour-dusted counters", "at a stovetop crowded with steaming pans", "at a wooden table by the kitchen window"],
    ["kneading dough on a floured counter", "tasting from a wooden spoon", "pulling a tray from the oven"],
    ["steam curling from a pot", "flour drifting in the light", "a kettle starting to whistle"],
  ),
  s(
    "cafe",
    ["cafe", "café", "coffee", "barista", "espresso"],
    "the café",
    ["in a cozy café with mismatched chairs", "at an espresso bar hissing with steam", "at a window seat with rain on the glass"],
    ["pulling a shot of espresso", "writing in a notebook over coffee", "chatting with a regular at the counter"],
    ["steam rising from a cup", "people drifting past the window", "a ceiling fan turning lazily"],
  ),
  s(
    "market",
    ["market", "vendor", "stall", "shop", "store", "bazaar", "food"],
    "the market",
    ["in a crowded street-food market strung with lights", "at a stall piled with fresh produce", "in a narrow alley of market stalls"],
    ["serving customers across the counter", "arranging produce on the stall", "cooking over a sizzling wok"],
    ["smoke rising from grills", "shoppers weaving through the stalls", "string lights swaying overhead"],
    false,
  ),
  s(
    "city",
    ["city", "street", "streets", "downtown", "urban", "town", "rooftop", "subway", "metro", "alley", "chase"],
    "the city",
    ["on a busy city street with glowing shopfronts", "on a rooftop overlooking the skyline", "at a crosswalk in the middle of rush hour"],
    ["walking briskly through the crowd", "pausing at the curb", "looking out over the skyline"],
    ["traffic streaking past", "pigeons scattering", "neon signs flickering on"],
    false,
  ),
  s(
    "beach",
    ["beach", "ocean", "sea", "surf", "surfing", "coast", "shore", "island", "waves"],
    "the beach",
    ["on a wide sandy beach with rolling surf", "on a weathered wooden pier", "by tide pools below a rocky headland"],
    ["walking barefoot along the waterline", "waxing a surfboard in the sand", "watching the horizon"],
    ["waves rolling onto the sand", "sea spray catching the light", "gulls gliding overhead"],
    false,
  ),
  s(
    "forest",
    ["forest", "woods", "jungle", "trail", "hike", "hiking", "camping", "wilderness"],
    "the forest",
    ["in a misty pine forest", "on a mossy trail winding between tall trees", "in a campfire clearing under the canopy"],
    ["hiking up a narrow trail", "kneeling to study a map", "pushing through ferns"],
    ["mist drifting between trunks", "leaves trembling in the breeze", "sunbeams flickering through branches"],
    false,
  ),
  s(
    "mountain",
    ["mountain", "mountains", "summit", "peak", "climb", "climbing", "everest", "alps"],
    "the mountain",
    ["on a windswept mountain ridge", "on a rocky switchback high above the clouds", "by a summit cairn against a vast sky"],
    ["climbing a steep rocky slope", "catching breath on a ridge", "planting a flag at the summit"],
    ["clouds racing past the peaks", "snow blowing off the ridge", "a jacket flapping in the wind"],
    false,
  ),
  s(
    "lab",
    ["lab", "laboratory", "experiment", "science", "scientist", "research", "chemistry", "invention"],
    "the lab",
    ["in a bright laboratory lined with glassware", "at a workbench with a glowing microscope", "in front of a whiteboard crowded with equations"],
    ["peering into a microscope", "adjusting a bubbling experiment", "scribbling equations on a whiteboard"],
    ["liquid bubbling in a flask", "indicator lights blinking", "papers fluttering under a vent"],
  ),
  s(
    "studio",
    ["studio", "podcast", "recording", "music", "paint", "painting", "painter", "art", "artist", "photography", "dance"],
    "the studio",
    ["in a sunlit creative studio with canvases against the walls", "in a recording booth with a hanging microphone", "at a paint-splattered worktable"],
    ["working on a canvas with broad strokes", "adjusting a microphone before recording", "stepping back to study the work"],
    ["dust motes floating in window light", "paint dripping slowly", "a sound meter pulsing"],
  ),
  s(
    "gym",
    ["gym", "workout", "fitness", "training", "boxing", "athlete"],
    "the gym",
    ["in a gritty gym with chalk-dusted racks", "in a boxing ring under hanging lights", "on an empty running track at the edge of town"],
    ["lifting a heavy barbell", "wrapping hands before training", "sprinting the final stretch"],
    ["chalk dust hanging in the air", "a punching bag swinging", "breath visible in the cold air"],
  ),
  s(
    "school",
    ["school", "classroom", "class", "university", "college", "campus", "exam", "student", "teacher"],
    "the classroom",
    ["in a sunlit school classroom with rows of desks", "on a campus quad under old trees", "at a library table stacked with books"],
    ["writing on a chalkboard", "studying late over open books", "raising a hand in class"],
    ["chalk dust in the light", "pages turning in a breeze", "students crossing in the background"],
  ),
  s(
    "home",
    ["home", "house", "apartment", "bedroom", "family", "living", "cat", "sofa", "sock", "laundry"],
    "home",
    ["in a cozy living room with a worn sofa", "in a small apartment lit by a single lamp", "on a front porch at the end of the street"],
    ["curling up on the sofa with a notebook", "staring thoughtfully at the ceiling", "opening the front door"],
    ["curtains stirring in the breeze", "a lamp glowing softly", "a cat padding across the floor"],
  ),
  s(
    "farm",
    ["farm", "field", "fields", "harvest", "vineyard", "ranch", "barn"],
    "the farm",
    ["in rolling fields under a wide sky", "by a weathered red barn", "among neat rows of a vegetable garden"],
    ["tending rows of crops", "carrying a crate of harvest", "leaning on a wooden fence"],
    ["wheat swaying in the wind", "chickens pecking nearby", "dust rising from a dirt road"],
    false,
  ),
  s(
    "garden",
    ["garden", "backyard", "greenhouse", "allotment", "flower", "orchard"],
    "the garden",
    ["in a walled garden with bare fruit trees", "by a small greenhouse with fogged glass", "along a gravel path between raised beds"],
    ["kneeling by a raised bed", "pruning a rose bush", "carrying a watering can down the path"],
    ["leaves stirring in the breeze", "a robin hopping along the path", "breath misting in the cool air"],
    false,
  ),
  s(
    "race",
    ["marathon", "race", "runner", "running", "mile", "finish", "sprint"],
    "the race course",
    ["on a city road lined with cheering spectators", "at a water station on the course", "in the final stretch before the finish line"],
    ["running with steady, tired strides", "grabbing a cup of water mid-stride", "pushing toward the finish line"],
    ["spectators waving flags", "runners streaming past", "race banners flapping overhead"],
    false,
  ),
  s(
    "ruins",
    ["aqueduct", "ruins", "roman", "ancient", "history", "castle", "temple", "museum", "archaeology", "colosseum"],
    "the ruins",
    ["beneath the tall stone arches of an ancient aqueduct", "among weathered Roman columns", "on a dusty path beside crumbling stone walls"],
    ["pointing up at the stone arches", "running a hand along the old stones", "explaining with a map in hand"],
    ["dust drifting in the sunlight", "swallows circling the arches", "dry grass swaying between the stones"],
    false,
  ),
  s(
    "desert",
    ["desert", "dune", "dunes", "canyon", "sahara", "mojave"],
    "the desert",
    ["on an empty desert highway between red rock mesas", "on a sand dune under a vast sky", "by a dusty roadside diner in the desert"],
    ["leaning on the hood of a car", "walking up a sand dune", "watching the horizon from the roadside"],
    ["heat shimmering above the road", "sand blowing across the asphalt", "tumbleweed rolling past"],
    false,
  ),
  s(
    "space",
    ["space", "rocket", "astronaut", "mars", "moon", "planet", "galaxy", "orbit", "spaceship"],
    "the spaceship",
    ["in a cramped spacecraft cockpit full of switches", "at a window framing Earth from orbit", "on a dusty red alien landscape"],
    ["floating past a control panel", "checking readouts on a console", "stepping onto unfamiliar ground"],
    ["stars drifting past the window", "indicator lights pulsing", "fine dust lifting in low gravity"],
  ),
  s(
    "snow",
    ["snow", "winter", "ski", "skiing", "ice", "arctic", "frozen"],
    "the snow",
    ["on a snow-covered hillside", "by a frosted cabin window", "on a frozen lake under pale sky"],
    ["trudging through deep snow", "warming hands by a fire", "gazing across the white landscape"],
    ["snowflakes falling softly", "breath clouding in the cold", "wind lifting powder off the drifts"],
    false,
  ),
  s(
    "road",
    ["road", "travel", "trip", "car", "roadtrip", "van", "highway", "train", "airport"],
    "the road",
    ["on an open highway stretching to the horizon", "by a train window with landscape rushing by", "at a roadside stop with a packed backpack"],
    ["driving with one hand on the wheel", "watching the landscape from a train seat", "shouldering a backpack"],
    ["landscape sliding past", "hair moving in the wind", "road lines flicking by"],
    false,
  ),
];

/** Used when the idea names no place: a neutral, photogenic everyday backdrop. */
export const FALLBACK_SETTING: SettingDef = s(
  "everyday",
  [],
  "the neighborhood",
  ["in a sunlit apartment with plants on the sill", "on a quiet tree-lined street", "on a rooftop overlooking the city"],
  ["thinking it over at a window", "walking with purpose down the street", "looking out across the rooftops"],
  ["leaves drifting past", "curtains stirring in a breeze", "distant traffic moving"],
);

/** A setting as the narration and descriptions name it. */
export interface Place {
  name: string;
  at: string;
  /** Sights of the place ("waves rolling onto the sand"), for the narrator's asides. */
  details?: string[];
}

export const TIMES = ["dawn", "morning", "midday", "afternoon", "golden hour", "dusk", "night"] as const;
export type TimeOfDay = (typeof TIMES)[number];

export const TIME_WORDS: Record<string, TimeOfDay> = {
  dawn: "dawn",
  sunrise: "dawn",
  daybreak: "dawn",
  morning: "morning",
  breakfast: "morning",
  noon: "midday",
  midday: "midday",
  lunch: "midday",
  afternoon: "afternoon",
  sunset: "golden hour",
  golden: "golden hour",
  dusk: "dusk",
  evening: "dusk",
  twilight: "dusk",
  night: "night",
  midnight: "night",
  nighttime: "night",
  overnight: "night",
};

export type Weather = "rain" | "snow" | "fog" | "storm";

export const WEATHER_WORDS: Record<string, Weather> = {
  rain: "rain",
  rainy: "rain",
  drizzle: "rain",
  raining: "rain",
  snow: "snow",
  snowy: "snow",
  winter: "snow",
  blizzard: "snow",
  fog: "fog",
  foggy: "fog",
  mist: "fog",
  misty: "fog",
  storm: "storm",
  stormy: "storm",
  thunderstorm: "storm",
};

/** How the weather reads in an image prompt, in words the offline painter also understands. */
export const WEATHER_LOOK: Record<Weather, string> = {
  rain: "steady rain falling, wet reflective surfaces",
  snow: "snow falling, frost on every surface, winter",
  fog: "thick fog softening the background",
  storm: "dark storm clouds, wind-driven rain",
};

export const TIME_LIGHT: Record<TimeOfDay, string> = {
  dawn: "pale blue dawn light with a warm glow on the horizon",
  morning: "fresh morning sunlight through the windows",
  midday: "bright, even midday daylight",
  afternoon: "warm afternoon light with long shadows",
  "golden hour": "golden-hour backlight and lens flare",
  dusk: "violet dusk light with the first lamps coming on",
  night: "low-key night lighting from practical lamps",
};

export interface MoodDef {
  words: string[];
  grade: string;
  adjective: string;
}

export const MOODS: MoodDef[] = [
  { words: ["happy", "joy", "joyful", "fun", "cheerful", "playful", "celebrate"], grade: "bright, saturated color grade", adjective: "joyful" },
  { words: ["sad", "melancholy", "melancholic", "lonely", "grief", "loss", "rain"], grade: "muted, desaturated blue color grade", adjective: "bittersweet" },
  { words: ["tense", "thriller", "danger", "race", "chase", "escape", "deadline"], grade: "high-contrast teal and orange grade", adjective: "tense" },
  {
    words: ["hope", "hopeful", "inspiring", "inspirational", "dream", "dreams", "comeback"],
    grade: "warm, hopeful color grade with soft highlights",
    adjective: "hopeful",
  },
  { words: ["epic", "heroic", "legendary", "adventure", "quest"], grade: "epic, rich cinematic grade with deep contrast", adjective: "epic" },
  { words: ["calm", "peaceful", "quiet", "slow", "mindful", "relaxing", "serene"], grade: "soft pastel grade with gentle contrast", adjective: "calm" },
  { words: ["mysterious", "mystery", "secret", "haunted", "strange", "dark"], grade: "moody low-key grade with deep shadows", adjective: "mysterious" },
  { words: ["romantic", "love", "romance", "wedding", "date"], grade: "warm romantic grade with soft bloom", adjective: "tender" },
  { words: ["nostalgic", "nostalgia", "memories", "childhood", "vintage", "retro"], grade: "faded film-stock grade with light grain", adjective: "nostalgic" },
  { words: ["funny", "comedy", "hilarious", "chaotic", "silly"], grade: "punchy, colorful grade", adjective: "chaotic" },
];

export const DEFAULT_GRADE = "natural filmic color grade";

/** Exact phrases the downstream motion parser recognises; keep spelling in sync with it. */
export const CAMERA_MOVES = ["slow push-in", "pull back", "pan left", "pan right", "tilt up", "tilt down", "static", "zoom out", "pan across"] as const;
export type CameraMove = (typeof CAMERA_MOVES)[number];

export const SHOT_FOR_MOVE: Record<CameraMove, { shot: string; lens: string }> = {
  "slow push-in": { shot: "medium close-up", lens: "85mm lens, shallow depth of field" },
  "pull back": { shot: "wide establishing shot", lens: "24mm lens, deep focus" },
  "pan left": { shot: "medium wide shot", lens: "35mm lens" },
  "pan right": { shot: "medium wide shot", lens: "35mm lens" },
  "tilt up": { shot: "low-angle medium shot", lens: "28mm lens" },
  "tilt down": { shot: "high-angle shot", lens: "35mm lens" },
  static: { shot: "locked-off medium shot", lens: "50mm lens" },
  "zoom out": { shot: "wide shot", lens: "24-70mm zoom lens" },
  "pan across": { shot: "wide tracking shot", lens: "35mm anamorphic lens" },
};
