// The specimens the local shop starts with: real minerals, real localities, honest descriptions.
// Pure data; `mineralImage.ts` turns `colors` and `habit` into each specimen's picture.

import type { Mineral } from '../../../shared/domain/catalog';

/** The shape the picture generator draws; chosen to match how the mineral actually grows. */
export type Habit =
  | 'prismatic' // long prisms with pointed terminations: quartz, tourmaline, stibnite
  | 'hexagonal-prism' // flat-topped hexagonal prisms: beryl, vanadinite, pyromorphite
  | 'cubic'
  | 'octahedral'
  | 'dipyramidal' // stretched octahedra: sulfur, cassiterite
  | 'scalenohedral' // dogtooth calcite
  | 'rhombohedral'
  | 'tetrahedral' // sphalerite, chalcopyrite
  | 'dodecahedral' // garnet
  | 'tabular' // plates and blades: barite, azurite, kyanite
  | 'botryoidal' // grape-like masses: malachite, hematite
  | 'acicular' // needle sprays: ulexite, adamite
  | 'wire' // wire silver
  | 'dendritic' // branching native copper
  | 'massive' // no crystal faces: graphite, cryolite, turquoise
  | 'nugget' // water-worn native metal
  | 'geode' // crystal-lined cavity seen cut open
  | 'tumbled'; // tumbled stones

export interface MineralSeed
  extends Pick<Mineral, 'id' | 'name' | 'category' | 'description' | 'quality' | 'origin' | 'mohsHardness' | 'weightGrams' | 'priceCents'> {
  /** Units in stock; 0 shows the specimen as sold out. */
  stock: number;
  /** Units sold so far. */
  popularity: number;
  /** How long ago the specimen was listed. */
  createdDaysAgo: number;
  /** Main colour and accent (matrix, rind, veins or tarnish), as #rrggbb. */
  colors: [string, string];
  habit: Habit;
}

export const SEED_MINERALS: readonly MineralSeed[] = [
  // ── Native elements ────────────────────────────────────────────────────────
  {
    id: 'gold-nugget-victoria',
    name: 'Gold nugget',
    category: 'native-elements',
    description:
      'Native gold (Au) recovered from the alluvial goldfields of central Victoria. A compact, water-worn nugget with a rounded, pitted surface and a few traces of quartz in the hollows.',
    quality:
      'Natural, uncleaned by acid and not polished; bright butter-yellow colour. Solid with no cracks; small quartz inclusions in two pits.',
    origin: 'Golden Triangle, Victoria, Australia',
    mohsHardness: 2.5,
    weightGrams: 6,
    priceCents: 85000,
    stock: 1,
    popularity: 214,
    createdDaysAgo: 12,
    colors: ['#d9a92b', '#7a5a16'],
    habit: 'nugget',
  },
  {
    id: 'native-copper-keweenaw',
    name: 'Native copper, branching',
    category: 'native-elements',
    description:
      'Native copper (Cu) from the basalt-hosted lodes of the Keweenaw Peninsula, the largest deposit of native copper known. This piece is a flattened, branching (dendritic) growth with crude crystal tips.',
    quality:
      'Cleaned to a warm copper colour with a light brown tarnish in the recesses. Free-standing with no matrix; one branch tip bent during mining.',
    origin: 'Keweenaw Peninsula, Michigan, USA',
    mohsHardness: 2.5,
    weightGrams: 180,
    priceCents: 9500,
    stock: 2,
    popularity: 176,
    createdDaysAgo: 95,
    colors: ['#c0633a', '#6b6256'],
    habit: 'dendritic',
  },
  {
    id: 'sulfur-agrigento',
    name: 'Sulfur crystals on aragonite',
    category: 'native-elements',
    description:
      'Native sulfur (S) from the historic Sicilian sulfur mines. Bright yellow, sharp dipyramidal crystals up to 2.5 cm sit on a pale aragonite matrix.',
    quality:
      'Resinous to adamantine luster; crystals translucent at the edges. Sulfur is brittle and sensitive to heat: two small chips on the largest crystal, no repairs.',
    origin: 'Cozzodisi Mine, Casteltermini, Agrigento, Sicily, Italy',
    mohsHardness: 1.5,
    weightGrams: 240,
    priceCents: 18000,
    stock: 1,
    popularity: 132,
    createdDaysAgo: 201,
    colors: ['#f2d22e', '#d8cdb8'],
    habit: 'dipyramidal',
  },
  {
    id: 'wire-silver-imiter',
    name: 'Wire silver',
    category: 'native-elements',
    description:
      'Native silver (Ag) from Imiter, one of the largest silver mines in Africa. Curling wires of silver grow from a small patch of dark calcite-quartz matrix.',
    quality:
      'Wires intact and bright with a thin grey tarnish in places, which is normal for silver. Matrix stable; keep away from sulfur-bearing specimens to slow tarnishing.',
    origin: 'Imiter Mine, Drâa-Tafilalet, Morocco',
    mohsHardness: 2.5,
    weightGrams: 22,
    priceCents: 42000,
    stock: 1,
    popularity: 98,
    createdDaysAgo: 44,
    colors: ['#d6d9dd', '#4a4540'],
    habit: 'wire',
  },
  {
    id: 'graphite-bogala',
    name: 'Vein graphite',
    category: 'native-elements',
    description:
      'Graphite is pure carbon in sheets, the same element as diamond but among the softest minerals. This is a chunk of high-purity vein graphite with coarse, shiny plates.',
    quality:
      'Metallic grey luster; leaves marks on fingers and paper. Massive piece with fresh breaks on two sides, no matrix.',
    origin: 'Bogala Mine, Sabaragamuwa Province, Sri Lanka',
    mohsHardness: 1,
    weightGrams: 320,
    priceCents: 2400,
    stock: 4,
    popularity: 61,
    createdDaysAgo: 160,
    colors: ['#4b4f55', '#2a2c30'],
    habit: 'massive',
  },

  // ── Sulfides ───────────────────────────────────────────────────────────────
  {
    id: 'pyrite-cubes-navajun',
    name: 'Pyrite cube cluster',
    category: 'sulfides',
    description:
      'Pyrite is iron disulfide (FeS2), known as fool\'s gold. Navajún is famous for its naturally perfect cubes; this cluster has three intergrown cubes, the largest 3 cm on an edge, partly set in grey marl.',
    quality:
      'Mirror-bright faces with light striations; the largest cube has a small edge chip. Untreated apart from cleaning; pyrite should be kept dry.',
    origin: 'Ampliación a Victoria Mine, Navajún, La Rioja, Spain',
    mohsHardness: 6,
    weightGrams: 420,
    priceCents: 8500,
    stock: 3,
    popularity: 412,
    createdDaysAgo: 30,
    colors: ['#c9b25a', '#8e8a80'],
    habit: 'cubic',
  },
  {
    id: 'galena-madan',
    name: 'Galena',
    category: 'sulfides',
    description:
      'Galena is lead sulfide (PbS) and the main ore of lead. A heavy cluster of sharp, lead-grey cubes and cubo-octahedra with minor quartz, typical of the Rhodope Mountains deposits.',
    quality:
      'Bright metallic luster on most faces, some dulled. Galena cleaves easily into cubes: several corners are chipped, no repairs. Wash hands after handling (lead).',
    origin: 'Madan district, Rhodope Mountains, Bulgaria',
    mohsHardness: 2.5,
    weightGrams: 1350,
    priceCents: 12000,
    stock: 1,
    popularity: 88,
    createdDaysAgo: 240,
    colors: ['#8d939b', '#c9c4b8'],
    habit: 'cubic',
  },
  {
    id: 'stibnite-xikuangshan',
    name: 'Stibnite spray',
    category: 'sulfides',
    description:
      'Stibnite is antimony sulfide (Sb2S3); Xikuangshan is the largest antimony deposit in the world. Long, striated, steel-grey prisms up to 9 cm radiate from a small quartz base.',
    quality:
      'Bright metallic luster, crystals straight and lustrous. Two prism tips are broken, as is common for this brittle mineral; no repairs.',
    origin: 'Xikuangshan Mine, Lengshuijiang, Hunan, China',
    mohsHardness: 2,
    weightGrams: 380,
    priceCents: 28000,
    stock: 1,
    popularity: 143,
    createdDaysAgo: 75,
    colors: ['#7c8590', '#e5e1d8'],
    habit: 'prismatic',
  },
  {
    id: 'sphalerite-elmwood',
    name: 'Sphalerite',
    category: 'sulfides',
    description:
      'Sphalerite is zinc sulfide (ZnS) and the main ore of zinc. Dark reddish-brown, resinous crystals to 2 cm on a crust of white dolomite from the Middle Tennessee zinc district.',
    quality:
      'Crystals translucent red when backlit, otherwise near black. Good condition with one worn edge; on matrix, no repairs.',
    origin: 'Elmwood Mine, Carthage, Smith County, Tennessee, USA',
    mohsHardness: 3.5,
    weightGrams: 150,
    priceCents: 14000,
    stock: 1,
    popularity: 57,
    createdDaysAgo: 310,
    colors: ['#6e2f1c', '#ece6da'],
    habit: 'tetrahedral',
  },
  {
    id: 'chalcopyrite-viburnum',
    name: 'Chalcopyrite on dolomite',
    category: 'sulfides',
    description:
      'Chalcopyrite is copper iron sulfide (CuFeS2), the most important copper ore. Brassy, wedge-shaped (disphenoidal) crystals to 1.5 cm on white dolomite.',
    quality:
      'Natural brassy colour with a faint iridescent tarnish; not acid-treated. Crystals sharp; a little dolomite missing on the back.',
    origin: 'Viburnum Trend, Reynolds County, Missouri, USA',
    mohsHardness: 3.5,
    weightGrams: 210,
    priceCents: 6500,
    stock: 2,
    popularity: 69,
    createdDaysAgo: 128,
    colors: ['#c7a33c', '#efeae0'],
    habit: 'tetrahedral',
  },
  {
    id: 'cinnabar-tongren',
    name: 'Cinnabar twin on dolomite',
    category: 'sulfides',
    description:
      'Cinnabar is mercury sulfide (HgS), the ore of mercury. A bright red, twinned rhombohedral crystal about 1.5 cm across, sitting on white dolomite.',
    quality:
      'Translucent scarlet with adamantine luster. Undamaged and not repaired. Contains mercury: display it and wash hands after handling; do not heat.',
    origin: 'Tongren, Guizhou, China',
    mohsHardness: 2,
    weightGrams: 85,
    priceCents: 32000,
    stock: 1,
    popularity: 120,
    createdDaysAgo: 58,
    colors: ['#c4232b', '#f0ede6'],
    habit: 'rhombohedral',
  },

  // ── Halides ────────────────────────────────────────────────────────────────
  {
    id: 'fluorite-rogerley',
    name: 'Green fluorite, Rogerley',
    category: 'halides',
    description:
      'Fluorite is calcium fluoride (CaF2). Rogerley fluorite forms interpenetrating green cubes that turn blue-purple in daylight because of strong fluorescence. Cubes to 2.5 cm on a small piece of matrix.',
    quality:
      'Transparent to translucent, glassy luster, twinned cubes. One small edge nick on a rear cube; otherwise undamaged and unrepaired.',
    origin: 'Rogerley Mine, Frosterley, Weardale, County Durham, England',
    mohsHardness: 4,
    weightGrams: 260,
    priceCents: 45000,
    stock: 1,
    popularity: 305,
    createdDaysAgo: 3,
    colors: ['#3f9a63', '#b7ab95'],
    habit: 'cubic',
  },
  {
    id: 'fluorite-cave-in-rock',
    name: 'Purple fluorite cubes',
    category: 'halides',
    description:
      'Fluorite (CaF2) from southern Illinois, once the largest fluorite-producing district in the United States. Deep purple cubes to 4 cm with pale colour zoning at the corners.',
    quality:
      'Translucent, glassy faces with some natural etching. A contact point on the back where it was removed; no repairs.',
    origin: 'Minerva No. 1 Mine, Cave-in-Rock district, Hardin County, Illinois, USA',
    mohsHardness: 4,
    weightGrams: 540,
    priceCents: 24000,
    stock: 1,
    popularity: 187,
    createdDaysAgo: 140,
    colors: ['#6a3d9a', '#c9b48e'],
    habit: 'cubic',
  },
  {
    id: 'halite-searles-lake',
    name: 'Pink halite',
    category: 'halides',
    description:
      'Halite is sodium chloride (NaCl), rock salt. These pink cubic and hopper crystals grew in the brines of Searles Lake, a dry lake bed; the colour comes from salt-loving microorganisms trapped in the crystals.',
    quality:
      'Translucent pink with some whiter growth layers. Water-soluble and slightly hygroscopic: keep dry and out of humid rooms. Minor edge rounding.',
    origin: 'Searles Lake, San Bernardino County, California, USA',
    mohsHardness: 2,
    weightGrams: 180,
    priceCents: 3500,
    stock: 5,
    popularity: 233,
    createdDaysAgo: 66,
    colors: ['#e59aa8', '#f3ece4'],
    habit: 'cubic',
  },
  {
    id: 'halite-blue-carlsbad',
    name: 'Blue halite',
    category: 'halides',
    description:
      'Halite (NaCl) from the potash mines near Carlsbad. The patchy blue colour is caused by natural radiation damage to the crystal lattice, not by dye. A cleaved block with deep blue zones in colourless salt.',
    quality:
      'Clear to translucent with intense blue patches; cleavage faces slightly frosted. Keep dry and away from heat, which can bleach the blue.',
    origin: 'Carlsbad potash district, Eddy County, New Mexico, USA',
    mohsHardness: 2,
    weightGrams: 95,
    priceCents: 6000,
    stock: 0,
    popularity: 154,
    createdDaysAgo: 190,
    colors: ['#3c6fd1', '#e7eef5'],
    habit: 'cubic',
  },
  {
    id: 'cryolite-ivittuut',
    name: 'Cryolite',
    category: 'halides',
    description:
      'Cryolite is sodium aluminium fluoride (Na3AlF6). Ivittuut was the only large deposit ever mined, until 1987. A white, translucent massive piece with a little dark siderite.',
    quality:
      'Massive, no crystal faces; milky white and translucent at the edges. Its refractive index is close to water, so thin pieces almost vanish when wet.',
    origin: 'Ivittuut, Sermersooq, Greenland',
    mohsHardness: 2.5,
    weightGrams: 140,
    priceCents: 4500,
    stock: 2,
    popularity: 38,
    createdDaysAgo: 280,
    colors: ['#ecebe6', '#6b5a48'],
    habit: 'massive',
  },

  // ── Oxides ─────────────────────────────────────────────────────────────────
  {
    id: 'hematite-kidney-ore-cumbria',
    name: 'Hematite, kidney ore',
    category: 'oxides',
    description:
      'Hematite is iron oxide (Fe2O3), the main ore of iron. Classic West Cumbrian "kidney ore": smooth, rounded botryoidal masses with a dark metallic surface and a fibrous radiating interior.',
    quality:
      'Surface bright and metallic with a few knocks on the rounded lobes. Heavy, solid piece; red streak. No repairs.',
    origin: 'Florence Mine, Egremont, West Cumbria, England',
    mohsHardness: 5.5,
    weightGrams: 1100,
    priceCents: 9500,
    stock: 1,
    popularity: 110,
    createdDaysAgo: 222,
    colors: ['#4a3a3c', '#7a3b2c'],
    habit: 'botryoidal',
  },
  {
    id: 'corundum-ruby-karnataka',
    name: 'Ruby corundum crystal',
    category: 'oxides',
    description:
      'Corundum is aluminium oxide (Al2O3); red corundum is called ruby. An opaque, hexagonal barrel-shaped crystal about 3 cm long, the kind found in the metamorphic rocks of southern India.',
    quality:
      'Opaque, purplish red with a dull to vitreous luster and parting planes across the prism. Not gem quality, not dyed or oiled; a loose crystal with no matrix.',
    origin: 'Mysore district, Karnataka, India',
    mohsHardness: 9,
    weightGrams: 45,
    priceCents: 4800,
    stock: 3,
    popularity: 196,
    createdDaysAgo: 85,
    colors: ['#9c2d4a', '#bfb3a8'],
    habit: 'hexagonal-prism',
  },
  {
    id: 'rutile-graves-mountain',
    name: 'Rutile',
    category: 'oxides',
    description:
      'Rutile is titanium dioxide (TiO2). Graves Mountain is famous for its lustrous, blocky rutile crystals; this one is a 2.5 cm twinned crystal with a little pale pyrophyllite attached.',
    quality:
      'Very bright adamantine luster, black with red internal reflections. Minor contact on the back; undamaged faces, no repairs.',
    origin: 'Graves Mountain, Lincoln County, Georgia, USA',
    mohsHardness: 6,
    weightGrams: 60,
    priceCents: 22000,
    stock: 1,
    popularity: 47,
    createdDaysAgo: 173,
    colors: ['#3b1f1a', '#ddd6c6'],
    habit: 'prismatic',
  },
  {
    id: 'cassiterite-viloco',
    name: 'Cassiterite',
    category: 'oxides',
    description:
      'Cassiterite is tin dioxide (SnO2), the principal ore of tin. Lustrous dark brown, dipyramidal crystals to 1.8 cm form a cluster on quartz from the Bolivian tin belt.',
    quality:
      'Bright adamantine luster, crystals opaque. Small chips on two crystal edges; no repairs. Noticeably heavy for its size.',
    origin: 'Viloco Mine, Loayza Province, La Paz, Bolivia',
    mohsHardness: 6,
    weightGrams: 75,
    priceCents: 26000,
    stock: 1,
    popularity: 29,
    createdDaysAgo: 250,
    colors: ['#3e2a20', '#d7d2c8'],
    habit: 'dipyramidal',
  },
  {
    id: 'magnetite-huanaquino',
    name: 'Magnetite octahedra',
    category: 'oxides',
    description:
      'Magnetite is iron oxide (Fe3O4) and strongly magnetic. A heavy matrix plate covered with sharp black octahedral crystals up to 2 cm.',
    quality:
      'Bright metallic luster on most faces. A few crystals on the edge are chipped; the matrix has been trimmed flat underneath. Will pick up a paper clip.',
    origin: 'Cerro Huañaquino, Potosí Department, Bolivia',
    mohsHardness: 5.5,
    weightGrams: 1600,
    priceCents: 14000,
    stock: 1,
    popularity: 84,
    createdDaysAgo: 20,
    colors: ['#2f3237', '#857a6c'],
    habit: 'octahedral',
  },
  {
    id: 'spinel-luc-yen',
    name: 'Red spinel in marble',
    category: 'oxides',
    description:
      'Spinel is magnesium aluminium oxide (MgAl2O4). Red octahedral crystals to 1 cm are embedded in white marble, the classic host rock for spinel in northern Vietnam.',
    quality:
      'Crystals translucent red with good luster, two partly exposed by careful etching of the marble. Not gem grade; no repairs.',
    origin: 'Luc Yen, Yên Bái Province, Vietnam',
    mohsHardness: 7.5,
    weightGrams: 40,
    priceCents: 38000,
    stock: 1,
    popularity: 64,
    createdDaysAgo: 102,
    colors: ['#c2263e', '#f1efea'],
    habit: 'octahedral',
  },
  {
    id: 'cuprite-onganja',
    name: 'Cuprite',
    category: 'oxides',
    description:
      'Cuprite is copper(I) oxide (Cu2O). Onganja produced some of the largest cuprite crystals known; this is a 2.5 cm dark red octahedral crystal with a thin green malachite coating in places.',
    quality:
      'Dark red, submetallic luster with red internal reflections where the coating is absent. Some edge wear; a loose crystal with no repairs.',
    origin: 'Onganja Mine, Khomas Region, Namibia',
    mohsHardness: 3.5,
    weightGrams: 70,
    priceCents: 65000,
    stock: 0,
    popularity: 41,
    createdDaysAgo: 330,
    colors: ['#7a1f22', '#3f7e54'],
    habit: 'octahedral',
  },

  // ── Carbonates ─────────────────────────────────────────────────────────────
  {
    id: 'rhodochrosite-sweet-home',
    name: 'Rhodochrosite',
    category: 'carbonates',
    description:
      'Rhodochrosite is manganese carbonate (MnCO3); its red colour comes from manganese. A 2.5 cm cherry-red rhombohedron on quartz and tetrahedrite from the Sweet Home Mine, the best-known locality for the mineral.',
    quality:
      'Transparent to translucent with glassy luster. A small, old nick on one rear edge; on matrix, not repaired or enhanced.',
    origin: 'Sweet Home Mine, Alma, Park County, Colorado, USA',
    mohsHardness: 3.5,
    weightGrams: 35,
    priceCents: 165000,
    stock: 1,
    popularity: 22,
    createdDaysAgo: 7,
    colors: ['#d4324f', '#cfc8bd'],
    habit: 'rhombohedral',
  },
  {
    id: 'calcite-iceland-spar-chihuahua',
    name: 'Optical calcite (Iceland spar)',
    category: 'carbonates',
    description:
      'Calcite is calcium carbonate (CaCO3). Clear cleavage rhombs like this one show strong double refraction: a line seen through the crystal appears doubled.',
    quality:
      'Transparent with a few internal cleavage planes; cleaved, not cut. Edges may have small chips.',
    origin: 'Chihuahua, Mexico',
    mohsHardness: 3,
    weightGrams: 60,
    priceCents: 1200,
    stock: 40,
    popularity: 468,
    createdDaysAgo: 300,
    colors: ['#e8eef0', '#b9c7cf'],
    habit: 'rhombohedral',
  },
  {
    id: 'calcite-dogtooth-elmwood',
    name: 'Golden calcite, dogtooth',
    category: 'carbonates',
    description:
      'Calcite (CaCO3) from the Middle Tennessee zinc district. A single golden scalenohedral ("dogtooth") crystal about 9 cm long on a little dolomite and sphalerite.',
    quality:
      'Translucent to transparent golden honey colour with some phantoms. Tip undamaged; a small chip near the base. No repairs.',
    origin: 'Elmwood Mine, Carthage, Smith County, Tennessee, USA',
    mohsHardness: 3,
    weightGrams: 650,
    priceCents: 18000,
    stock: 1,
    popularity: 73,
    createdDaysAgo: 115,
    colors: ['#e3a53c', '#8c7f70'],
    habit: 'scalenohedral',
  },
  {
    id: 'malachite-kolwezi',
    name: 'Botryoidal malachite',
    category: 'carbonates',
    description:
      'Malachite is a copper carbonate hydroxide (Cu2CO3(OH)2). A large, heavy piece of smooth green botryoidal malachite from the Congo Copperbelt; one cut face shows concentric banding.',
    quality:
      'Silky luster on the bubbles, polished window on the cut face. Solid and stable; no stabilising resin, no dye.',
    origin: 'Kolwezi, Lualaba Province, Democratic Republic of the Congo',
    mohsHardness: 3.5,
    weightGrams: 1450,
    priceCents: 26000,
    stock: 1,
    popularity: 201,
    createdDaysAgo: 48,
    colors: ['#1f8a4c', '#0e4a2a'],
    habit: 'botryoidal',
  },
  {
    id: 'azurite-milpillas',
    name: 'Azurite crystals',
    category: 'carbonates',
    description:
      'Azurite is a copper carbonate hydroxide (Cu3(CO3)2(OH)2), a close relative of malachite. Deep blue, lustrous tabular crystals to 2 cm form a small cluster.',
    quality:
      'Very dark blue, translucent on thin edges, with glassy luster. One crystal tip is chipped; no repairs. Store away from strong heat.',
    origin: 'Milpillas Mine, Cuitaca, Sonora, Mexico',
    mohsHardness: 3.5,
    weightGrams: 38,
    priceCents: 48000,
    stock: 1,
    popularity: 91,
    createdDaysAgo: 26,
    colors: ['#1f3f9e', '#6f6558'],
    habit: 'tabular',
  },
  {
    id: 'smithsonite-kelly-mine',
    name: 'Blue-green smithsonite',
    category: 'carbonates',
    description:
      'Smithsonite is zinc carbonate (ZnCO3). The Kelly Mine is known for its blue-green botryoidal smithsonite, coloured by traces of copper; this piece is a thick crust over limonite-stained rock.',
    quality:
      'Pearly to vitreous luster, translucent crust. Some scuffs on the highest bubbles; no repairs or coating.',
    origin: 'Kelly Mine, Magdalena district, Socorro County, New Mexico, USA',
    mohsHardness: 4,
    weightGrams: 210,
    priceCents: 22000,
    stock: 1,
    popularity: 55,
    createdDaysAgo: 260,
    colors: ['#5fb3a8', '#8a6a48'],
    habit: 'botryoidal',
  },
  {
    id: 'aragonite-molina-de-aragon',
    name: 'Aragonite twin',
    category: 'carbonates',
    description:
      'Aragonite is calcium carbonate (CaCO3) like calcite, but with a different crystal structure; it is named after this region. Reddish-brown, six-sided twinned crystals in clay.',
    quality:
      'Opaque, with a rough natural surface and a little red clay. Sturdy; a loose twin without matrix.',
    origin: 'Molina de Aragón, Guadalajara, Spain',
    mohsHardness: 3.5,
    weightGrams: 45,
    priceCents: 1800,
    stock: 8,
    popularity: 142,
    createdDaysAgo: 350,
    colors: ['#a4583c', '#c9a98a'],
    habit: 'hexagonal-prism',
  },

  // ── Borates ────────────────────────────────────────────────────────────────
  {
    id: 'ulexite-boron',
    name: 'Ulexite "TV stone"',
    category: 'borates',
    description:
      'Ulexite is a hydrated sodium calcium borate made of tightly packed parallel fibres. Cut and polished across the fibres, it carries an image from one face to the other like a bundle of optical fibres.',
    quality:
      'Cut and polished on two faces; the sides are natural and silky. Slightly soluble and soft: keep dry and avoid scratching.',
    origin: 'Rio Tinto Borax Mine, Boron, Kern County, California, USA',
    mohsHardness: 2.5,
    weightGrams: 40,
    priceCents: 900,
    stock: 30,
    popularity: 389,
    createdDaysAgo: 180,
    colors: ['#eeeae0', '#b9b2a3'],
    habit: 'acicular',
  },
  {
    id: 'colemanite-bigadic',
    name: 'Colemanite',
    category: 'borates',
    description:
      'Colemanite is a hydrated calcium borate, CaB3O4(OH)3·H2O, and an important ore of boron. A cluster of colourless to white, glassy prismatic crystals to 2 cm.',
    quality:
      'Transparent to translucent with bright luster; a few crystal tips chipped. On its own colemanite matrix, no repairs.',
    origin: 'Bigadiç, Balıkesir Province, Turkey',
    mohsHardness: 4.5,
    weightGrams: 120,
    priceCents: 4500,
    stock: 2,
    popularity: 34,
    createdDaysAgo: 90,
    colors: ['#f1f1ec', '#c8bfae'],
    habit: 'prismatic',
  },
  {
    id: 'borax-boron',
    name: 'Borax crystals',
    category: 'borates',
    description:
      'Borax is hydrated sodium borate (Na2B4O7·10H2O). Stubby prismatic crystals from the large borate deposit at Boron.',
    quality:
      'Borax loses water in dry air and turns into white, chalky tincalconite; these crystals already have a white surface film. Kept in a sealed box to slow the change.',
    origin: 'Rio Tinto Borax Mine, Boron, Kern County, California, USA',
    mohsHardness: 2,
    weightGrams: 60,
    priceCents: 2500,
    stock: 3,
    popularity: 46,
    createdDaysAgo: 215,
    colors: ['#f2efe6', '#cfc5b2'],
    habit: 'prismatic',
  },
  {
    id: 'kernite-boron',
    name: 'Kernite',
    category: 'borates',
    description:
      'Kernite is a hydrated sodium borate, Na2B4O6(OH)2·3H2O, first described from Kern County. A colourless cleavage block with splintery fractures, from the mineral\'s type locality.',
    quality:
      'Clear to translucent inside with a thin white alteration crust of tincalconite. Massive, no crystal faces; brittle along its cleavage.',
    origin: 'Kramer district, Boron, Kern County, California, USA',
    mohsHardness: 2.5,
    weightGrams: 150,
    priceCents: 2800,
    stock: 2,
    popularity: 19,
    createdDaysAgo: 275,
    colors: ['#dfe6e8', '#f7f6f1'],
    habit: 'massive',
  },
  {
    id: 'howlite-tick-canyon',
    name: 'Howlite nodule',
    category: 'borates',
    description:
      'Howlite is a calcium borosilicate, Ca2B5SiO9(OH)5. It forms chalky white nodules with grey veining; because it is porous it is often dyed to imitate turquoise.',
    quality:
      'Natural white and undyed, with fine grey veins. A rough nodule with one small sawn window.',
    origin: 'Tick Canyon, Los Angeles County, California, USA',
    mohsHardness: 3,
    weightGrams: 230,
    priceCents: 2200,
    stock: 4,
    popularity: 52,
    createdDaysAgo: 140,
    colors: ['#f3f1ea', '#6f6d6a'],
    habit: 'massive',
  },
  {
    id: 'boracite-luneburg',
    name: 'Boracite in gypsum',
    category: 'borates',
    description:
      'Boracite is a magnesium borate chloride (Mg3B7O13Cl) and, unusually for a borate, hard. Small pale, cube-like crystals to 5 mm are embedded in gypsum rock from its type locality.',
    quality:
      'Crystals sharp and glassy, partly exposed. Matrix is soft gypsum and has some scrapes; an old collection piece.',
    origin: 'Kalkberg, Lüneburg, Lower Saxony, Germany',
    mohsHardness: 7,
    weightGrams: 15,
    priceCents: 12000,
    stock: 0,
    popularity: 12,
    createdDaysAgo: 362,
    colors: ['#dfe3d0', '#b8ad9b'],
    habit: 'cubic',
  },

  // ── Sulfates ───────────────────────────────────────────────────────────────
  {
    id: 'barite-elk-creek',
    name: 'Golden barite cluster',
    category: 'sulfates',
    description:
      'Barite is barium sulfate (BaSO4) and unusually heavy for a non-metallic mineral. Golden-brown, bladed tabular crystals to 7 cm grew inside concretions in the Pierre Shale.',
    quality:
      'Translucent golden crystals with good luster. Two blades were broken and have been glued back in place; otherwise natural and unrepaired.',
    origin: 'Elk Creek, Meade County, South Dakota, USA',
    mohsHardness: 3,
    weightGrams: 1180,
    priceCents: 35000,
    stock: 1,
    popularity: 79,
    createdDaysAgo: 155,
    colors: ['#c8923a', '#7c6d5a'],
    habit: 'tabular',
  },
  {
    id: 'barite-blue-stoneham',
    name: 'Blue barite',
    category: 'sulfates',
    description:
      'Barite (BaSO4) from the Stoneham area, known for its sky-blue crystals. Flat, bladed crystals to 3 cm in a small cluster.',
    quality:
      'Transparent to translucent pale blue. Minor edge chips on two blades; on a little matrix, no repairs.',
    origin: 'Stoneham, Weld County, Colorado, USA',
    mohsHardness: 3,
    weightGrams: 85,
    priceCents: 15000,
    stock: 1,
    popularity: 66,
    createdDaysAgo: 60,
    colors: ['#8fb7d9', '#a8988a'],
    habit: 'tabular',
  },
  {
    id: 'celestine-geode-sakoany',
    name: 'Celestine geode',
    category: 'sulfates',
    description:
      'Celestine is strontium sulfate (SrSO4). A half geode from Madagascar, lined with pale blue bladed crystals inside a grey rind.',
    quality:
      'Crystals translucent pale blue, many intact; some tips in the centre are bruised. The back of the rind is rough and natural.',
    origin: 'Sakoany, Mahajanga Province, Madagascar',
    mohsHardness: 3,
    weightGrams: 1800,
    priceCents: 8500,
    stock: 3,
    popularity: 352,
    createdDaysAgo: 35,
    colors: ['#9ec3e6', '#8e8a84'],
    habit: 'geode',
  },
  {
    id: 'gypsum-desert-rose-chihuahua',
    name: 'Gypsum desert rose',
    category: 'sulfates',
    description:
      'Gypsum is hydrated calcium sulfate (CaSO4·2H2O). Desert roses are rosettes of flat gypsum blades that grew in sand and trapped sand grains, which gives them their tan colour.',
    quality:
      'Sandy, matte surface; blades complete apart from a few worn edges. Fragile and soft enough to scratch with a fingernail.',
    origin: 'Chihuahua, Mexico',
    mohsHardness: 2,
    weightGrams: 300,
    priceCents: 2200,
    stock: 8,
    popularity: 277,
    createdDaysAgo: 210,
    colors: ['#d7b994', '#a88a68'],
    habit: 'tabular',
  },
  {
    id: 'crocoite-adelaide',
    name: 'Crocoite',
    category: 'sulfates',
    description:
      'Crocoite is lead chromate (PbCrO4), grouped with the sulfates. The Adelaide Mine is the classic locality for its bright orange-red, long prismatic crystals, here up to 4 cm on gossan.',
    quality:
      'Vivid colour and bright luster. Crocoite is very fragile: several crystals are broken and a few loose ones sit in the cluster; no repairs. Contains lead and chromium, so wash hands after handling.',
    origin: 'Adelaide Mine, Dundas, Tasmania, Australia',
    mohsHardness: 2.5,
    weightGrams: 90,
    priceCents: 65000,
    stock: 1,
    popularity: 58,
    createdDaysAgo: 14,
    colors: ['#e5531c', '#5b4636'],
    habit: 'acicular',
  },
  {
    id: 'anglesite-touissit',
    name: 'Anglesite',
    category: 'sulfates',
    description:
      'Anglesite is lead sulfate (PbSO4), formed where galena weathers. Colourless to pale yellow prismatic crystals to 2 cm with a very bright adamantine luster, on a galena core.',
    quality:
      'Transparent with small internal veils; one crystal has a damaged termination. On matrix, no repairs. Contains lead: wash hands after handling.',
    origin: 'Touissit, Oujda-Angad Province, Morocco',
    mohsHardness: 2.5,
    weightGrams: 55,
    priceCents: 18000,
    stock: 1,
    popularity: 23,
    createdDaysAgo: 235,
    colors: ['#ede3b4', '#5d6066'],
    habit: 'prismatic',
  },

  // ── Phosphates, arsenates, vanadates ──────────────────────────────────────
  {
    id: 'vanadinite-mibladen',
    name: 'Vanadinite on barite',
    category: 'phosphates',
    description:
      'Vanadinite is a lead vanadate chloride, Pb5(VO4)3Cl. Bright red, short hexagonal prisms to 1 cm are scattered over white barite from the Mibladen mining district.',
    quality:
      'Lustrous, sharp crystals; a few chipped on the edge of the plate. Natural, not oiled or coated.',
    origin: 'Mibladen, Midelt Province, Morocco',
    mohsHardness: 3,
    weightGrams: 110,
    priceCents: 6500,
    stock: 5,
    popularity: 446,
    createdDaysAgo: 41,
    colors: ['#c8361c', '#ece4d4'],
    habit: 'hexagonal-prism',
  },
  {
    id: 'pyromorphite-daoping',
    name: 'Pyromorphite',
    category: 'phosphates',
    description:
      'Pyromorphite is a lead phosphate chloride, Pb5(PO4)3Cl. Apple-green, barrel-shaped hexagonal crystals to 1.5 cm cover a limonite matrix.',
    quality:
      'Bright resinous luster and rich green colour. A few crystals are bruised on the edges; no repairs.',
    origin: 'Daoping Mine, Gongcheng County, Guangxi, China',
    mohsHardness: 3.5,
    weightGrams: 95,
    priceCents: 24000,
    stock: 1,
    popularity: 87,
    createdDaysAgo: 100,
    colors: ['#7cb32e', '#7a5834'],
    habit: 'hexagonal-prism',
  },
  {
    id: 'apatite-cerro-de-mercado',
    name: 'Yellow apatite',
    category: 'phosphates',
    description:
      'Apatite here is fluorapatite, Ca5(PO4)3F, the mineral that defines 5 on the Mohs scale. A single yellow, hexagonal prism with pyramidal terminations, from an iron ore deposit.',
    quality:
      'Transparent to translucent with some internal fractures; both ends terminated. A loose crystal with minor edge wear.',
    origin: 'Cerro de Mercado Mine, Durango, Mexico',
    mohsHardness: 5,
    weightGrams: 25,
    priceCents: 3800,
    stock: 4,
    popularity: 109,
    createdDaysAgo: 170,
    colors: ['#e8c83a', '#6f5f4e'],
    habit: 'prismatic',
  },
  {
    id: 'wavellite-arkansas',
    name: 'Wavellite',
    category: 'phosphates',
    description:
      'Wavellite is a hydrated aluminium phosphate. It grows as radiating green spheres in the cracks of chert; broken open, the spheres look like star-bursts.',
    quality:
      'Yellow-green spheres to 1 cm, glassy, some flattened against the chert. Stable; no repairs.',
    origin: 'Mauldin Mountain, Montgomery County, Arkansas, USA',
    mohsHardness: 3.5,
    weightGrams: 130,
    priceCents: 4500,
    stock: 2,
    popularity: 63,
    createdDaysAgo: 120,
    colors: ['#a3c94a', '#5a5148'],
    habit: 'botryoidal',
  },
  {
    id: 'turquoise-sleeping-beauty',
    name: 'Turquoise nugget',
    category: 'phosphates',
    description:
      'Turquoise is a hydrated copper aluminium phosphate. Sleeping Beauty turquoise, from a mine that stopped producing it in 2012, is known for an even sky-blue colour with little matrix.',
    quality:
      'Natural rough, not stabilised, dyed or waxed; a little pale host rock in one corner. Porous: keep away from oils and solvents.',
    origin: 'Sleeping Beauty Mine, Globe, Gila County, Arizona, USA',
    mohsHardness: 5,
    weightGrams: 35,
    priceCents: 9500,
    stock: 1,
    popularity: 158,
    createdDaysAgo: 9,
    colors: ['#5ec4c8', '#8a7a66'],
    habit: 'massive',
  },
  {
    id: 'adamite-ojuela',
    name: 'Adamite sprays on limonite',
    category: 'phosphates',
    description:
      'Adamite is a zinc arsenate hydroxide, Zn2(AsO4)(OH). Ojuela is the classic locality: yellow-green sprays of bladed crystals on rusty limonite, which glow bright green under ultraviolet light.',
    quality:
      'Bright, glassy sprays in good condition with a few bruised tips. On matrix, no repairs. Contains arsenic: wash hands after handling.',
    origin: 'Ojuela Mine, Mapimí, Durango, Mexico',
    mohsHardness: 3.5,
    weightGrams: 70,
    priceCents: 16000,
    stock: 1,
    popularity: 95,
    createdDaysAgo: 80,
    colors: ['#c9d83a', '#8a4b22'],
    habit: 'acicular',
  },

  // ── Silicates ──────────────────────────────────────────────────────────────
  {
    id: 'rose-quartz-tumbled-madagascar',
    name: 'Rose quartz, tumbled',
    category: 'silicates',
    description:
      'Quartz is silicon dioxide (SiO2). Rose quartz owes its soft pink colour to microscopic fibrous inclusions. A single tumbled stone about 3 cm long.',
    quality:
      'Tumble-polished, translucent, natural colour (not dyed). Stones vary slightly; you receive one similar to the picture.',
    origin: 'Madagascar',
    mohsHardness: 7,
    weightGrams: 20,
    priceCents: 800,
    stock: 60,
    popularity: 497,
    createdDaysAgo: 320,
    colors: ['#f0b7c2', '#f7dfe3'],
    habit: 'tumbled',
  },
  {
    id: 'amethyst-geode-artigas',
    name: 'Amethyst geode',
    category: 'silicates',
    description:
      'Amethyst is purple quartz (SiO2); the colour comes from iron impurities and natural radiation. A heavy half geode from the basalt flows of northern Uruguay, lined with short, deep purple crystals.',
    quality:
      'Dense, even colour with glassy points; a few points chipped near the rim. The edge has been trimmed and the base cut flat so it stands.',
    origin: 'Artigas, Uruguay',
    mohsHardness: 7,
    weightGrams: 2400,
    priceCents: 22000,
    stock: 2,
    popularity: 263,
    createdDaysAgo: 52,
    colors: ['#6e3b9e', '#8b8378'],
    habit: 'geode',
  },
  {
    id: 'quartz-cluster-arkansas',
    name: 'Quartz cluster',
    category: 'silicates',
    description:
      'Quartz (SiO2) from the Ouachita Mountains, well known for its clear crystals. A cluster of water-clear points to 10 cm with sharp terminations.',
    quality:
      'Clear with some internal veils; cleaned of iron staining with oxalic acid. Several small points broken at the edge of the cluster, no repairs.',
    origin: 'Coleman Mine, Jessieville, Garland County, Arkansas, USA',
    mohsHardness: 7,
    weightGrams: 1300,
    priceCents: 16000,
    stock: 1,
    popularity: 224,
    createdDaysAgo: 18,
    colors: ['#e9f1f5', '#c9b9a6'],
    habit: 'prismatic',
  },
  {
    id: 'elbaite-cruzeiro',
    name: 'Pink-green tourmaline',
    category: 'silicates',
    description:
      'Elbaite is the lithium-rich member of the tourmaline group, a complex boron silicate. A striated prism about 4 cm long, green at the base grading to pink at the tip.',
    quality:
      'Translucent to gemmy in the pink part, with internal fractures. Tip undamaged; small chips along the base. Loose crystal, no repairs.',
    origin: 'Cruzeiro Mine, São José da Safira, Minas Gerais, Brazil',
    mohsHardness: 7.5,
    weightGrams: 25,
    priceCents: 85000,
    stock: 1,
    popularity: 114,
    createdDaysAgo: 1,
    colors: ['#d95c8a', '#3f8a5a'],
    habit: 'prismatic',
  },
  {
    id: 'schorl-erongo',
    name: 'Black tourmaline (schorl)',
    category: 'silicates',
    description:
      'Schorl is the iron-rich, black member of the tourmaline group. Lustrous, striated prisms to 6 cm stand on white feldspar from the pegmatites of the Erongo Mountains.',
    quality:
      'Bright, glassy black prisms with sharp terminations on two crystals. One crystal has a minor chip; no repairs.',
    origin: 'Erongo Mountains, Erongo Region, Namibia',
    mohsHardness: 7,
    weightGrams: 340,
    priceCents: 12000,
    stock: 2,
    popularity: 171,
    createdDaysAgo: 64,
    colors: ['#24262b', '#ebe6dc'],
    habit: 'prismatic',
  },
  {
    id: 'aquamarine-shigar',
    name: 'Aquamarine',
    category: 'silicates',
    description:
      'Aquamarine is blue beryl, a beryllium aluminium silicate (Be3Al2Si6O18). A 6 cm hexagonal prism with a flat termination, with small muscovite flakes at the base.',
    quality:
      'Gemmy in the upper half, more included lower down; pale sea-blue natural colour, not heat-treated. Termination intact; no repairs.',
    origin: 'Shigar Valley, Gilgit-Baltistan, Pakistan',
    mohsHardness: 7.5,
    weightGrams: 55,
    priceCents: 120000,
    stock: 1,
    popularity: 48,
    createdDaysAgo: 22,
    colors: ['#8ccde0', '#c9c3b8'],
    habit: 'hexagonal-prism',
  },
  {
    id: 'almandine-wrangell',
    name: 'Almandine garnet in schist',
    category: 'silicates',
    description:
      'Almandine is an iron aluminium garnet, Fe3Al2(SiO4)3. Deep red-brown dodecahedral crystals to 2 cm are embedded in grey mica schist from the Garnet Ledge on the Stikine River.',
    quality:
      'Crystals opaque with sharp faces and a dull to glassy luster. The schist flakes a little at the edges; no repairs.',
    origin: 'Garnet Ledge, Stikine River, Wrangell, Alaska, USA',
    mohsHardness: 7,
    weightGrams: 60,
    priceCents: 4500,
    stock: 5,
    popularity: 133,
    createdDaysAgo: 110,
    colors: ['#6d1f26', '#8a8c8f'],
    habit: 'dodecahedral',
  },
  {
    id: 'amazonite-two-point',
    name: 'Amazonite with smoky quartz',
    category: 'silicates',
    description:
      'Amazonite is a green to blue-green variety of microcline feldspar (KAlSi3O8). Blocky crystals to 5 cm from the Pikes Peak batholith, with a smoky quartz crystal at one side.',
    quality:
      'Good blue-green colour, crystals opaque with bright cleavage faces. One feldspar edge chipped; quartz tip intact. No repairs.',
    origin: 'Two Point Mine, Teller County, Colorado, USA',
    mohsHardness: 6,
    weightGrams: 420,
    priceCents: 38000,
    stock: 1,
    popularity: 92,
    createdDaysAgo: 40,
    colors: ['#3fb3a3', '#4a3b30'],
    habit: 'prismatic',
  },
  {
    id: 'kyanite-minas-gerais',
    name: 'Blue kyanite blades',
    category: 'silicates',
    description:
      'Kyanite is an aluminium silicate (Al2SiO5). Its hardness depends on direction: about 4.5 along the blade and 6.5 to 7 across it. Long, flat blue blades in white quartz.',
    quality:
      'Pearly to glassy blades with uneven colour zoning; some blades split along their cleavage. Natural, no treatment.',
    origin: 'Minas Gerais, Brazil',
    mohsHardness: 4.5,
    weightGrams: 80,
    priceCents: 2800,
    stock: 6,
    popularity: 188,
    createdDaysAgo: 245,
    colors: ['#3d6fb6', '#e6e2d9'],
    habit: 'tabular',
  },
  {
    id: 'apophyllite-stilbite-jalgaon',
    name: 'Apophyllite with stilbite',
    category: 'silicates',
    description:
      'Apophyllite is a hydrated potassium calcium silicate from the cavities of the Deccan basalts. Colourless, glassy crystals to 2 cm share the pocket with a peach-coloured bow-tie of stilbite.',
    quality:
      'Bright, clear crystals with minor edge nicks. On basalt matrix; stable and unrepaired.',
    origin: 'Jalgaon, Maharashtra, India',
    mohsHardness: 4.5,
    weightGrams: 260,
    priceCents: 5500,
    stock: 3,
    popularity: 246,
    createdDaysAgo: 70,
    colors: ['#e4eef0', '#e9b08a'],
    habit: 'prismatic',
  },
];
