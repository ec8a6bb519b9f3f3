#!/usr/bin/env node
// Writes content/security/common-passwords.txt: passwords people really use, so sign-up can refuse them.
//
// There is no internet here, so the list is generated deterministically: a hand-written core of
// well-known most-common passwords (from public breach top lists), plus the ways people stretch
// them to meet a length rule: number runs, years, "!", doubling, leetspeak, keyboard walks.
// Because the portal asks for 12+ characters, the expansions keep only guesses of 12+ characters
// (shorter ones are refused as too short anyway). Output: lower-case, unique, sorted, one per line.
//
// Run: node scripts/make-common-passwords.mjs   (same output every time)

import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const outFile = path.join(root, "content", "security", "common-passwords.txt");

// --- The core: well-known most common passwords (any length; kept as they are). -----------------
const core = `
123456 password 12345678 qwerty 123456789 12345 1234 111111 1234567 dragon 123123 baseball abc123
football monkey letmein 696969 shadow master 666666 qwertyuiop 123321 mustang 1234567890 michael
654321 superman 1qaz2wsx 7777777 121212 000000 qazwsx 123qwe killer trustno1 jordan jennifer zxcvbnm
asdfgh hunter buster soccer harley batman andrew tigger sunshine iloveyou 2000 charlie robert thomas
hockey ranger daniel starwars klaster 112233 george computer michelle jessica pepper 1111 zxcvbn
555555 11111111 131313 freedom 777777 pass maggie 159753 aaaaaa ginger princess joshua cheese amanda
summer love ashley nicole chelsea biteme matthew access yankees 987654321 dallas austin thunder taylor
matrix mobilemail mom monitor monitoring montana moon moscow welcome passw0rd password1 password123
admin admin123 administrator root toor guest qwerty123 qwerty1 1q2w3e4r 1q2w3e4r5t 1q2w3e 123abc
abc1234 abcd1234 aa123456 a123456 123456a 1234qwer qwer1234 q1w2e3r4 zaq12wsx zaq1zaq1 1qazxsw2
!qaz2wsx qazwsxedc qweasd qweasdzxc asdfghjkl asdf1234 asdfasdf zxcvbnm123 987654 7654321 11111
1111111 222222 333333 444444 888888 999999 0000000 00000000 12341234 123123123 121212121 112233445566
1qaz2wsx3edc 147258369 159357 147258 258456 789456 789456123 456789 741852963 852456 963852741
iloveyou1 iloveyou2 ilovegod ilovejesus iloveu ihateyou lovely loveme lover lovers lovelove
trustnoone whatever nothing secret secret123 changeme changeme123 default letmein123 welcome1
welcome123 hello hello123 hellokitty hi123 test test123 testing testtest temp temp123 demo
baby babygirl babyboy angel angels angel1 sweety sweetie honey honeybee cutie cute pretty beautiful
princess1 prince queen king kingdom god jesus jesus1 christ blessed blessing faith hope grace
heaven angel123 forever friends friend family mother father mommy daddy sister brother
flower flowers rose daisy butterfly rainbow sunflower star stars moon sun sunny summer1 winter
spring autumn snow snowball snoopy cookie cookies chocolate candy sugar banana apple orange
cherry strawberry peaches peanut pumpkin muffin cupcake pizza coffee tequila whisky whiskey beer
diamond diamonds silver gold golden money money123 dollar cash rich lucky lucky7 luckyme
tiger tigers lion lions eagle eagles falcon hawk wolf wolves bear bears panther panthers dolphin
dolphins shark sharks horse horses pony puppy puppies kitty kitten cat cats dog dogs doggy doggie
bubbles buddy rocky rocket max maxwell lucky1 bailey sophie sammy molly lucy daisy1 coco bella
jack jackson jake oliver charlie1 toby teddy teddybear bandit smokey shadow1 spike tucker duke
sparky boomer bulldog cowboy cowboys rangers yankee redsox lakers bulls warriors patriots steelers
packers giants broncos raiders dolphins1 vikings bears1 braves cardinals phoenix arizona texas
florida california newyork chicago boston london paris england scotland wales ireland canada
america usa brazil mexico spain italy germany france poland polska pakistan india london1
liverpool arsenal chelsea1 manchester manutd manunited tottenham everton celtic rangers1 barcelona
realmadrid juventus milan acmilan inter bayern dortmund ronaldo messi beckham rooney gerrard
football1 soccer1 baseball1 basketball hockey1 golfer golf tennis cricket rugby fishing hunting
skate skater surfer racing ferrari porsche mercedes corvette camaro mustang1 harley1 yamaha honda
toyota nissan bmw audi jaguar chevy ford bigdog bigboy bigdaddy hotdog hotstuff sexy sexy123
killer1 ninja samurai warrior dragon1 dragons wizard merlin magic magician gandalf frodo
hobbit matrix1 neo trinity morpheus starwars1 skywalker vader yoda jedi pokemon pikachu
naruto sasuke goku dragonball onepiece zelda mario nintendo playstation xbox gamer gaming
minecraft fortnite roblox callofduty halo warcraft diablo batman1 superman1 spiderman ironman
hulk thor captain marvel avengers joker harrypotter hermione hogwarts sherlock doctorwho
simpsons homer bart scooby garfield mickey minnie disney tinkerbell barbie shrek
computer1 internet google yahoo hotmail gmail facebook twitter instagram youtube myspace
linkedin apple1 iphone samsung android windows linux microsoft server network system
security hacker hacking login logon access14 letmein1 opensesame open sesame password2
password12 password! passw0rd1 p@ssword p@ssw0rd pa55word pa55w0rd passwort motdepasse
contraseña contrasena senha haslo haslo1 haslo123 parola salasana wachtwoord lozinka
qwertz azerty azertyuiop qwertzuiop asdfjkl jkl123 zxcvb qazxsw wsxedc edcrfv rfvtgb
michael1 jennifer1 jessica1 ashley1 amanda1 andrew1 daniel1 joshua1 matthew1 anthony
william james john david richard charles joseph christopher thomas1 mark donald steven paul
kevin brian edward ronald timothy jason jeffrey ryan jacob gary nicholas eric stephen jonathan
larry justin scott brandon frank benjamin gregory samuel raymond patrick alexander jack1
dennis jerry tyler aaron henry jose adam douglas nathan peter zachary kyle walter harold
jeremy ethan carl keith roger gerald christian terry sean arthur austin1 noah lawrence jesse
joe bryan billy bruce gabriel logan albert willie alan juan wayne elijah randy roy vincent
ralph eugene russell bobby mason philip louis mary patricia linda barbara elizabeth susan
margaret sarah karen nancy lisa betty dorothy sandra kimberly donna emily carol michelle1
laura helen deborah stephanie rebecca sharon cynthia kathleen amy shirley angela anna
brenda pamela nicole1 emma samantha katherine christine debra rachel catherine carolyn janet
ruth maria heather diane virginia julie joyce victoria olivia kelly christina lauren joan
evelyn judith megan cheryl andrea hannah martha jacqueline frances gloria ann teresa kathryn
sara janice jean alice madison doris abigail julia judy grace1 denise amber marilyn beverly
danielle theresa sophia marie diana brittany natalie isabella charlotte rose1 alexis kayla
jasmine tiffany monica jordan1 hunter1 summer12 august september october november december
january february march april june july monday tuesday friday sunday weekend holiday
marina natasha svetlana tatiana olga irina elena ekaterina anastasia vladimir sergey
dmitry alexey andrey nikita maxim ivan igor oleg misha sasha masha dasha
zaq1@wsx marcin misiaczek kochanie kochamcie bartek mateusz monika agnieszka kasia
kasienka slonce sloneczko niunia myszka kotek kotku misiek misiu mamusia tatus piotrek
tomek lukasz dawid krzysiek karolina justyna magda michal kacper szymon jakub kuba
wojtek pawel adrian damian patryk dominik kamil grzegorz zuzia ola aleksandra natalia
legia lech wisla widzew dupa dupa123 polska1 polska123 warszawa krakow gdansk wroclaw
pakistan1 pakistan123 pakistan786 allah allah786 allahuakbar bismillah mashallah
subhanallah inshallah alhamdulillah muhammad mohammad muhammed mohammed ali786 hussain
hassan hasan husain khan imran ahmed ahmad fatima ayesha aisha zainab maryam sana
hina rabia saima ali123 bilal usman umar omar hamza faisal asif kashif adnan zeeshan
karachi lahore islamabad peshawar quetta multan faisalabad rawalpindi jannat
786786 786110 786000 110786 12345786 pakistanzindabad
shahid afridi babar azam cricket1 
manchester1 liverpool1 arsenal1 london123 england1 scotland1 wales1 ireland1 britain
letmein! qwerty! iloveyou! welcome! password!! abc123! 1234abcd abcd123 abc12345
abcdef abcdefg abcdefgh abcdefghi abcdefghij aaaaaaa aaaaaaaa aaaaaaaaaa zzzzzz
asdasd asdasdasd qweqwe qweqweqwe zxczxc 123asd asd123 qwe123 zxc123 1qaz 2wsx
q1w2e3 q1w2e3r4t5 q1w2e3r4t5y6 a1b2c3 a1b2c3d4 1a2b3c 1a2b3c4d aaa111 abc abcabc
pussy fuck fuckyou fuckoff shit bitch asshole dick cock penis sex sexy1 porn xxx
xxxxxx horny naughty hottie hot babe lover1 playboy player players
zxcvbnm1 qwerty12 qwerty1234 qwertyu qwertyui 1qaz2wsx3edc4rfv 1q2w3e4r5t6y
nopassword mypassword mypass yourpassword thepassword newpassword oldpassword
mylove myself iamgod godisgood godislove jesuslovesme
`;

// Names and words worth stretching: alphabetic core entries of 4+ letters.
const coreList = [
  ...new Set(
    core
      .split(/\s+/)
      .filter(Boolean)
      .map((w) => w.toLowerCase()),
  ),
];
const words = coreList.filter((w) => /^[a-z]{4,}$/.test(w));

// --- Pieces people bolt on to reach a length rule. -----------------------------------------------
const numberSuffixes = [
  "1",
  "12",
  "123",
  "1234",
  "12345",
  "123456",
  "1234567",
  "12345678",
  "123456789",
  "1234567890",
  "0",
  "00",
  "000",
  "0000",
  "01",
  "007",
  "11",
  "111",
  "1111",
  "13",
  "21",
  "22",
  "23",
  "69",
  "77",
  "99",
  "100",
  "101",
  "420",
  "666",
  "777",
  "786",
  "911",
  "999",
  "321",
  "4321",
  "54321",
  "654321",
  "12341234",
  "123123",
  "112233",
  "111111",
  "2468",
  "13579",
  "147258",
  "159357",
];
const years = [];
for (let y = 1950; y <= 2026; y++) years.push(String(y));
const recentYears = years.filter((y) => Number(y) >= 2000);
const symbolSuffixes = [
  "!",
  "!!",
  "!!!",
  "?",
  ".",
  "*",
  "#",
  "@",
  "$",
  "1!",
  "12!",
  "123!",
  "1234!",
  "!1",
  "!123",
  "@123",
  "@1234",
  "#1",
  "#123",
  "_123",
  ".123",
  "123.",
  "*123",
  "123*",
  "123@",
  "123#",
];
const wordSuffixes = [
  "password",
  "pass",
  "love",
  "baby",
  "girl",
  "boy",
  "man",
  "king",
  "queen",
  "forever",
  "rocks",
  "rules",
  "lover",
  "fan",
  "life",
  "mylove",
  "123abc",
  "abc",
  "xyz",
  "qwerty",
];
const wordPrefixes = ["my", "the", "ilove", "iloveyou", "123", "1234", "123456"];

// Leetspeak people actually use: whole-word swaps, one rule at a time and all together.
const leetSets = [
  [["a", "@"]],
  [["a", "4"]],
  [["o", "0"]],
  [["e", "3"]],
  [["i", "1"]],
  [["s", "$"]],
  [["s", "5"]],
  [
    ["a", "@"],
    ["o", "0"],
  ],
  [
    ["o", "0"],
    ["i", "1"],
  ],
  [
    ["e", "3"],
    ["o", "0"],
  ],
  [
    ["a", "@"],
    ["s", "$"],
  ],
  [
    ["a", "@"],
    ["o", "0"],
    ["e", "3"],
  ],
  [
    ["a", "4"],
    ["o", "0"],
    ["e", "3"],
  ],
  [
    ["a", "@"],
    ["o", "0"],
    ["e", "3"],
    ["i", "1"],
    ["s", "$"],
  ],
  [
    ["a", "4"],
    ["o", "0"],
    ["e", "3"],
    ["i", "1"],
    ["s", "5"],
  ],
];
function leetVariants(word) {
  const out = new Set();
  for (const set of leetSets) out.add(set.reduce((w, [from, to]) => w.replaceAll(from, to), word));
  out.delete(word);
  return [...out];
}

// Keyboard walks and number runs, which pass any length rule.
const rows = [
  "1234567890",
  "qwertyuiop",
  "asdfghjkl",
  "zxcvbnm",
  "azertyuiop",
  "qsdfghjklm",
  "wxcvbn",
  "qwertzuiop",
  "yxcvbnm",
];
const walks = new Set([
  "qwertyuiopasdfghjkl",
  "qwertyuiopasdfghjklzxcvbnm",
  "asdfghjklzxcvbnm",
  "qwertyuiop1234567890",
  "1234567890qwertyuiop",
  "1qaz2wsx3edc",
  "1qaz2wsx3edc4rfv",
  "1qaz2wsx3edc4rfv5tgb",
  "zaq12wsxcde3",
  "zaq12wsxcde34rfv",
  "!qaz2wsx3edc",
  "!qaz@wsx#edc",
  "1qaz!qaz1qaz",
  "zaq1zaq1zaq1",
  "zaq1@wsx3edc",
  "1q2w3e4r5t6y",
  "1q2w3e4r5t6y7u",
  "1q2w3e4r5t6y7u8i",
  "1q2w3e4r5t6y7u8i9o0p",
  "q1w2e3r4t5y6",
  "q1w2e3r4t5y6u7i8o9p0",
  "1a2s3d4f5g6h",
  "a1s2d3f4g5h6",
  "z1x2c3v4b5n6",
  "qazwsxedcrfv",
  "qazwsxedcrfvtgb",
  "qazwsxedcrfvtgbyhnujm",
  "wsxedcrfvtgb",
  "qweasdzxc123",
  "qweasdzxc123456",
  "asdfghjkl123",
  "zxcvbnm12345",
  "qwerty123456",
  "qwertyqwerty",
  "qwerty123qwerty",
  "asdfasdfasdf",
  "asdf1234asdf",
  "qwer1234qwer",
  "qwerasdfzxcv",
  "qwerasdfzxcv1234",
  "1234qwerasdfzxcv",
  "zxcvasdfqwer",
  "poiuytrewq",
  "lkjhgfdsa",
  "mnbvcxz",
  "poiuytrewqlkjhgfdsa",
  "0987654321poiuytrewq",
  "mnbvcxzlkjhgfdsapoiuytrewq",
  "qawsedrftgyh",
  "qawsedrftgyhujikolp",
  "1qw23er45ty6",
  "12qwaszx",
  "12qwaszx12qwaszx",
  "1234qwerasdf",
  "1234qwer!@#$",
  "!@#$%^&*()",
  "!@#$%^&*()_+",
  "1234567890-=",
  "!q@w#e$r%t^y",
  "1!2@3#4$5%6^",
  "qwertyuiop[]",
  "147258369147258369",
  "159357159357",
  "147852369147852369",
  "741852963741852963",
  "159753159753",
  "963852741963852741",
  "123654789123654789",
  "789456123789456123",
  "258025802580",
  "147896325147896325",
  "abcdefghijkl",
  "abcdefghijklm",
  "abcdefghijklmnop",
  "abcdefghijklmnopqrstuvwxyz",
  "abc123abc123",
  "a1b2c3d4e5f6",
  "a1b2c3d4e5f6g7",
  "aabbccddeeff",
  "1a2b3c4d5e6f",
  "abcd1234abcd",
  "zyxwvutsrqponmlkjihgfedcba",
]);
for (const row of rows) {
  const rev = [...row].reverse().join("");
  for (const r of [row, rev]) {
    for (let len = 6; len <= r.length; len++) {
      const walk = r.slice(0, len);
      walks.add(walk);
      walks.add(walk + walk);
      for (const s of numberSuffixes) walks.add(walk + s);
      for (const s of symbolSuffixes) walks.add(walk + s);
    }
  }
}
// Number runs: repeated digits, counting up and down, repeated short runs.
const numbers = new Set();
for (let d = 0; d <= 9; d++) for (let n = 6; n <= 20; n++) numbers.add(String(d).repeat(n));
const up = "12345678901234567890";
const down = "98765432109876543210";
for (let n = 6; n <= 20; n++) {
  numbers.add(up.slice(0, n));
  numbers.add(down.slice(0, n));
  numbers.add("0" + up.slice(0, n - 1));
}
for (const unit of [
  "12",
  "123",
  "1234",
  "12345",
  "123456",
  "21",
  "321",
  "4321",
  "54321",
  "654321",
  "69",
  "786",
  "007",
  "1122",
  "112233",
  "121",
  "1212",
  "123321",
  "2580",
  "13",
  "1357",
  "2468",
  "147",
  "258",
  "369",
  "159",
  "357",
  "0123",
]) {
  for (let k = 2; unit.length * k <= 20; k++) numbers.add(unit.repeat(k));
}
// Dates typed as numbers (ddmmyyyy / yyyymmdd / mmddyyyy) are too many to list; runs of a year are not.
for (const y of years) {
  numbers.add(y + y + y);
  numbers.add("123456" + y);
  numbers.add(y + "123456");
  numbers.add("12345678" + y);
}

// Phrases people think are clever (all real, seen in breach lists).
const phrases = [
  "correcthorsebatterystaple",
  "thequickbrownfox",
  "thequickbrownfoxjumpsoverthelazydog",
  "onetwothreefourfive",
  "onetwothreefour",
  "letmeinplease",
  "pleaseletmein",
  "thisismypassword",
  "thisisapassword",
  "thisismypass",
  "mypasswordis",
  "passwordispassword",
  "iforgotmypassword",
  "iforgotpassword",
  "forgotmypassword",
  "idontknow",
  "idontknowit",
  "ihavenoidea",
  "noidea123456",
  "whatisthepassword",
  "changethispassword",
  "changemenow",
  "changeme1234",
  "donotchange",
  "donttellanyone",
  "supersecretpassword",
  "topsecret123",
  "verysecret123",
  "secretpassword",
  "passwordsecret",
  "mysecretpassword",
  "notmypassword",
  "nottelling123",
  "iloveyousomuch",
  "iloveyouforever",
  "iloveyoutoo",
  "iloveyoubaby",
  "iloveyoumore",
  "iloveyoumom",
  "iloveyoudad",
  "iloveyouall",
  "iloveyou4ever",
  "iloveyoujesus",
  "iloveyouallah",
  "ilovemymom",
  "ilovemymum",
  "ilovemydad",
  "ilovemyfamily",
  "ilovemykids",
  "ilovemyson",
  "ilovemydaughter",
  "ilovemywife",
  "ilovemyhusband",
  "ilovemyboyfriend",
  "ilovemygirlfriend",
  "ilovemydog",
  "ilovemycat",
  "iloveyoubabe",
  "iloveyoudarling",
  "loveyouforever",
  "loveyoualways",
  "foreveryoung",
  "foreverandever",
  "foreverlove",
  "trueloveforever",
  "jesusismylord",
  "jesusismysavior",
  "jesuslovesyou",
  "godisgreat",
  "godisgood123",
  "godisalwaysgood",
  "praisethelord",
  "thelordismyshepherd",
  "inshallah123",
  "allahisgreat",
  "lailahaillallah",
  "bismillah786",
  "bismillahirrahmanirrahim",
  "subhanallah123",
  "alhamdulillah123",
  "pakistanzindabad",
  "pakistanzindabad786",
  "jeevepakistan",
  "godsavethequeen",
  "godsavetheking",
  "unitedkingdom",
  "greatbritain",
  "youllneverwalkalone",
  "ynwa12345678",
  "comeonyouspurs",
  "gunnersforever",
  "bluemoonrising",
  "manchesterunited",
  "manchestercity",
  "liverpoolfc123",
  "arsenalfc1234",
  "chelseafc1234",
  "tottenhamhotspur",
  "glasgowceltic",
  "newcastleunited",
  "westhamunited",
  "astonvilla123",
  "leedsunited123",
  "evertonfc1234",
  "hallamadrid",
  "viscabarca",
  "jebacpolicje",
  "polskagurom",
  "kochammamusie",
  "kochamciebardzo",
  "kochamcie123",
  "kochamciekochanie",
  "zaq12wsxcde3",
  "zaq1@wsx#edc",
  "haslohaslo",
  "haslo12345678",
  "niemamhasla",
  "mojehaslo123",
  "tajnehaslo",
  "welcometothejungle",
  "stairwaytoheaven",
  "bohemianrhapsody",
  "harrypotter123",
  "hogwartsforever",
  "maytheforcebewithyou",
  "iamyourfather",
  "winteriscoming",
  "youshallnotpass",
  "doctorwho1234",
  "bigbrotheriswatching",
  "whateverittakes",
  "justdoit1234",
  "nevergiveup",
  "nevergiveup123",
  "neversaynever",
  "nopainnogain",
  "carpediem123",
  "yoloswag1234",
  "livelaughlove",
  "liveandletlive",
  "lifeisgood",
  "lifeisbeautiful",
  "lifesucks1234",
  "happydays123",
  "happybirthday",
  "merrychristmas",
  "happynewyear",
  "goodmorning",
  "helloworld",
  "helloworld123",
  "hellothere123",
  "hellokitty123",
  "abcdefg12345",
  "testtesttest",
  "test12345678",
  "admin12345678",
  "administrator1",
  "rootpassword",
  "adminpassword",
  "adminadmin123",
  "useruseruser",
  "guestguest123",
  "defaultpassword",
  "temppassword",
  "temporarypassword",
  "newpassword123",
  "oldpassword123",
  "mynewpassword",
  "newpassword1234",
  "passwordchange",
  "changepassword",
  "resetpassword",
  "welcomewelcome",
  "welcome2theclub",
  "welcomehome123",
  "letmeinletmein",
  "openopenopen",
  "opensesame123",
  "trustnoone123",
  "trustno1trustno1",
  "nobodyknows",
  "onlyiknow123",
  "youwillneverguess",
  "guessmypassword",
  "cantguessthis",
  "unbreakable1",
  "unhackable123",
  "hackme123456",
  "hackmeifyoucan",
  "catchmeifyoucan",
  "password1password1",
  "p@ssw0rdp@ssw0rd",
];

// --- Build. --------------------------------------------------------------------------------------
const out = new Set(coreList);
const keep = (p) => {
  if (p.length >= 12) out.add(p);
};
const allSuffixes = [
  ...numberSuffixes,
  ...years,
  ...symbolSuffixes,
  ...recentYears.map((y) => y + "!"),
  ...wordSuffixes,
];
for (const w of words) {
  keep(w + w);
  for (const s of allSuffixes) keep(w + s);
  for (const p of wordPrefixes) keep(p + w);
  for (const p of ["my", "ilove"]) for (const s of ["1", "123", "1234", "!"]) keep(p + w + s);
}
// Leetspeak of the most common 150 words ("p@ssw0rd1234").
const leetSuffixes = [...numberSuffixes.slice(0, 10), "!", "!!", "1!", "123!", "@123", ...recentYears];
for (const w of words.slice(0, 150)) {
  for (const v of leetVariants(w)) {
    out.add(v);
    keep(v + v);
    for (const s of leetSuffixes) keep(v + s);
  }
}
// Two core words together ("iloveyoupassword", "monkeydragon"): the top 80 only, to keep it sane.
const top = words.slice(0, 80); // 6,320 pairs
for (const a of top) for (const b of top) if (a !== b) keep(a + b);
for (const w of walks) out.add(w);
for (const n of numbers) out.add(n);
for (const p of phrases) {
  out.add(p);
  for (const s of ["1", "123", "1234", "!", "2024", "2025", "2026"]) keep(p + s);
}

const list = [...out].map((p) => p.toLowerCase()).filter((p) => p.length > 0 && !/\s/.test(p));
// Plain code-unit sort, so the output does not depend on the machine's locale.
const sorted = [...new Set(list)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

mkdirSync(path.dirname(outFile), { recursive: true });
writeFileSync(outFile, sorted.join("\n") + "\n");
const long = sorted.filter((p) => [...p].length >= 12).length;
console.log(`Wrote ${sorted.length} passwords (${long} of 12+ characters) to ${path.relative(root, outFile)}`);
