// The multilingual site's pages and the queries that must find them
// (tests/fixtures/sites/languages/, searched by languages-site.test.mjs).

/**
 * Per language: the URL prefix of its pages, its <html lang> (hugo.yaml), the
 * stemmer module it must fetch (null: none), and per page the queries that
 * must find it; `two` is a word on two pages (post and market), `all` one on
 * every page. Every query of `found` but the Japanese and Chinese ones is a
 * form that is not on its page (checked below against the built HTML).
 */
export const kSite = {
  en: {
    prefix: '/', tag: 'en-GB', stemmer: null, two: 'morning', all: 'Lindenau',
    found: {
      post: ['parcel', 'stamp'], houses: ['house', 'roof'], library: ['book', 'country'],
      market: ['apple', 'potato'], train: ['hours', 'weekend'], garden: ['tulip', 'bench'],
    },
  },
  de: {
    prefix: '/de/', tag: 'de-DE', stemmer: 'german', two: 'Morgen', all: 'Lindenau',
    found: {
      post: ['Paket', 'Pakete', 'Briefmarke'], houses: ['Haus', 'Hauses', 'Dach'],
      library: ['Buch', 'Buches', 'Zeitung'], market: ['Stand', 'Bauer'],
      train: ['Zug', 'Zuges', 'Wochenende'], garden: ['Garten', 'Gartens', 'Familie', 'Kind'],
    },
  },
  fr: {
    prefix: '/fr/', tag: 'fr-FR', stemmer: 'french', two: 'matin', all: 'Lindenau',
    found: {
      post: ['voisin', 'timbre'], houses: ['maison', 'toit', 'tuile'], library: ['livre', 'journal'],
      market: ['pomme', 'paysan', 'acheté'], train: ['heures', 'gares'], garden: ['tulipe', 'enfant', 'banc'],
    },
  },
  es: {
    prefix: '/es/', tag: 'es-ES', stemmer: 'spanish', two: 'mañana', all: 'Lindenau',
    found: {
      post: ['paquete', 'vecino', 'sello'], houses: ['casa', 'tejado'], library: ['libro', 'alumno', 'país'],
      market: ['manzana', 'campesino', 'francés', 'alemán'], train: ['estaciones', 'horas'], garden: ['niño', 'banco'],
    },
  },
  ru: {
    prefix: '/ru/', tag: 'ru', stemmer: 'russian', two: 'утром', all: 'Линденау',
    found: {
      post: ['посылка', 'посылку', 'марка'], houses: ['дом', 'домов', 'река', 'реку'],
      library: ['книга', 'книгу', 'газета', 'газету'], market: ['площадь', 'яблоко'],
      train: ['город', 'городе'], garden: ['сад', 'садов', 'тюльпан'],
    },
  },
  // Snowball's Arabic takes off the article and the particles before it (ال،
  // بال، لل، وبال) and the sound plural and feminine endings (ون، ين، ات، ة);
  // و and ف before the article (وال، فال) the analyzer takes off
  // (src/search/text/analyzer.cpp). A word without the article is also tried
  // as a verb, so some bare plurals (موظفات) keep their ending: not asked here.
  ar: {
    prefix: '/ar/', tag: 'ar', stemmer: 'arabic', two: 'الصباح', all: 'ليندناو',
    found: {
      post: ['الموظفات', 'موظف', 'الموظفين'], houses: ['مهندس', 'المهندسين', 'والمهندسين'],
      library: ['معلم', 'المعلمين', 'للمعلمين', 'والمعلمين'], market: ['الفلاحين', 'الفلاح'],
      train: ['محطة', 'بالمحطة', 'والمحطة'], garden: ['عائلة', 'العائلة', 'بالعائلة', 'فالعائلة'],
    },
  },
  ja: {
    prefix: '/ja/', tag: 'ja', stemmer: null, two: '広場', all: 'リンデナウ',
    found: {
      post: ['郵便', '小包'], houses: ['屋根', '川沿'], library: ['図書', '閲覧'],
      market: ['屋台', 'ニンジン'], train: ['夜行', '旧市街'], garden: ['チューリ', '水やり'],
    },
  },
  zh: {
    prefix: '/zh/', tag: 'zh-CN', stemmer: null, two: '广场', all: '林登瑙',
    found: {
      post: ['包裹', '柜台'], houses: ['屋顶', '历史'], library: ['图书', '阅览'],
      market: ['鸡蛋', '摊位'], train: ['火车', '莱比锡'], garden: ['郁金香', '浇水'],
    },
  },
};
export const kPages = ['post', 'houses', 'library', 'market', 'train', 'garden'];
