/** One knowledge-base article: short, as support snippets are. */
export interface ProductDoc {
  id: string;
  text: string;
  topic: string;
}

interface Product {
  name: string;
  kind: string;
  price: number;
  warrantyYears: number;
  care: string;
  spec: string;
}

const PRODUCTS: readonly Product[] = [
  {
    name: 'Trailblazer 45 backpack',
    kind: 'backpack',
    price: 149,
    warrantyYears: 5,
    care: 'hand wash with mild soap and air dry',
    spec: '45 litres, 1.4 kg, fits 17 inch laptops',
  },
  {
    name: 'Summit 2 tent',
    kind: 'tent',
    price: 329,
    warrantyYears: 3,
    care: 'dry fully before storing to prevent mildew',
    spec: 'two person, 2.1 kg, 3000 mm waterproof fly',
  },
  {
    name: 'Nimbus down jacket',
    kind: 'jacket',
    price: 219,
    warrantyYears: 2,
    care: 'machine wash cold and tumble dry low with dryer balls',
    spec: '800 fill down, packs into its own pocket',
  },
  {
    name: 'Ridge trail shoes',
    kind: 'shoes',
    price: 129,
    warrantyYears: 1,
    care: 'rinse mud off and dry away from heaters',
    spec: '8 mm drop, Vibram outsole, half sizes 5 to 14',
  },
  {
    name: 'Aurora headlamp',
    kind: 'headlamp',
    price: 49,
    warrantyYears: 2,
    care: 'wipe clean and recharge every three months',
    spec: '400 lumens, USB-C charging, IPX7 waterproof',
  },
  {
    name: 'Glacier sleeping bag',
    kind: 'sleeping bag',
    price: 259,
    warrantyYears: 5,
    care: 'store uncompressed in the large mesh sack',
    spec: 'comfort rating minus 5 C, 1.1 kg',
  },
  {
    name: 'Cascade water filter',
    kind: 'water filter',
    price: 39,
    warrantyYears: 1,
    care: 'backflush after every trip and never let it freeze',
    spec: 'filters 0.1 micron, 1000 litre cartridge',
  },
  {
    name: 'Basecamp stove',
    kind: 'stove',
    price: 89,
    warrantyYears: 3,
    care: 'clean the burner jet with the included pin',
    spec: 'boils one litre in 3.5 minutes, uses isobutane canisters',
  },
  {
    name: 'Horizon trekking poles',
    kind: 'trekking poles',
    price: 99,
    warrantyYears: 2,
    care: 'separate the sections and dry them after wet hikes',
    spec: 'carbon, 240 g each, adjustable 100 to 135 cm',
  },
  {
    name: 'Drift kayak paddle',
    kind: 'paddle',
    price: 179,
    warrantyYears: 2,
    care: 'rinse with fresh water after salt water use',
    spec: 'fibreglass blades, 220 to 240 cm',
  },
  {
    name: 'Alpine rain shell',
    kind: 'rain shell',
    price: 189,
    warrantyYears: 2,
    care: 'reproof the coating with a wash-in treatment yearly',
    spec: '3-layer membrane, pit zips, helmet compatible hood',
  },
  {
    name: 'Ember camp chair',
    kind: 'camp chair',
    price: 79,
    warrantyYears: 1,
    care: 'wipe the fabric and keep the frame dry',
    spec: 'holds 120 kg, folds to 35 cm',
  },
  {
    name: 'Tundra cooler',
    kind: 'cooler',
    price: 249,
    warrantyYears: 5,
    care: 'drain and leave the lid open to dry',
    spec: '45 quart, keeps ice five days',
  },
  {
    name: 'Pathfinder GPS watch',
    kind: 'watch',
    price: 399,
    warrantyYears: 2,
    care: 'rinse after swimming and charge with the supplied clip',
    spec: '14 day battery, offline maps, 50 m water resistance',
  },
  {
    name: 'Canyon hydration pack',
    kind: 'hydration pack',
    price: 69,
    warrantyYears: 2,
    care: 'rinse the bladder and hang it open to dry',
    spec: '2 litre bladder, 8 litres of storage',
  },
  {
    name: 'Cirrus hammock',
    kind: 'hammock',
    price: 59,
    warrantyYears: 1,
    care: 'machine wash on a gentle cycle without the straps',
    spec: 'holds 180 kg, straps included',
  },
  {
    name: 'Boulder climbing harness',
    kind: 'harness',
    price: 89,
    warrantyYears: 1,
    care: 'retire it after a major fall or five years',
    spec: 'four gear loops, adjustable leg loops',
  },
  {
    name: 'Solstice solar charger',
    kind: 'solar charger',
    price: 119,
    warrantyYears: 2,
    care: 'keep the panels clean and out of standing water',
    spec: '21 watts, two USB ports',
  },
];

const POLICIES: readonly ProductDoc[] = [
  {
    id: 'policy-returns',
    topic: 'returns',
    text: 'Return policy: unused items can be returned within 30 days of delivery for a full refund to the original payment method.',
  },
  {
    id: 'policy-returns-used',
    topic: 'returns',
    text: 'Returns of used gear are accepted within 30 days as store credit, except for items damaged by misuse.',
  },
  {
    id: 'policy-refund-time',
    topic: 'returns',
    text: 'Refunds are issued within 5 business days after the returned item reaches our warehouse.',
  },
  {
    id: 'policy-return-label',
    topic: 'returns',
    text: 'Return labels are free for members; other customers pay a flat 6 dollar return shipping fee.',
  },
  { id: 'policy-exchange', topic: 'returns', text: 'Exchanges for a different size ship free once we scan the returned item.' },
  {
    id: 'policy-shipping',
    topic: 'orders',
    text: 'Shipping: standard delivery takes 3 to 5 business days and is free on orders over 50 dollars.',
  },
  {
    id: 'policy-express',
    topic: 'orders',
    text: 'Express shipping costs 15 dollars and delivers in 1 to 2 business days when ordered before 2 pm.',
  },
  {
    id: 'policy-order-change',
    topic: 'orders',
    text: 'Order changes: an order can be changed or cancelled within one hour of purchase from the order page.',
  },
  { id: 'policy-international', topic: 'orders', text: 'International orders ship to 40 countries; duties are calculated at checkout.' },
  { id: 'policy-price-match', topic: 'faq', text: 'Price match: we match a lower price from a major retailer within 14 days of purchase.' },
];

function productDocs(product: Product, index: number): ProductDoc[] {
  const id = `product-${index + 1}`;
  return [
    { id: `${id}-overview`, topic: 'faq', text: `The ${product.name} is our ${product.kind}; it costs ${product.price} dollars.` },
    { id: `${id}-spec`, topic: 'faq', text: `${product.name} specifications: ${product.spec}.` },
    { id: `${id}-care`, topic: 'faq', text: `To care for the ${product.name}, ${product.care}.` },
    {
      id: `${id}-warranty`,
      topic: 'returns',
      text: `The ${product.name} has a ${product.warrantyYears} year warranty against manufacturing defects; wear and tear is not covered.`,
    },
    {
      id: `${id}-repair`,
      topic: 'returns',
      text: `Repairs for the ${product.name} are free under warranty; start a repair request from the order page.`,
    },
  ];
}

/** The demo knowledge base: 10 policies and 5 articles for each of 18 products (100 documents). */
export const PRODUCT_DOCS: readonly ProductDoc[] = [...POLICIES, ...PRODUCTS.flatMap(productDocs)];

/** Product names, for questions the load generator asks. */
export const PRODUCT_NAMES: readonly string[] = PRODUCTS.map((product) => product.name);
