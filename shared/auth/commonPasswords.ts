// Common passwords long enough to pass the length rule, from public breach-frequency lists. A short
// list is enough: the length rule already rules out the great majority of the most common ones.
export const COMMON_PASSWORDS: ReadonlySet<string> = new Set([
  '1234567890', '12345678910', '123456789a', '0987654321', '1111111111', '0123456789', '1q2w3e4r5t',
  '1qaz2wsx3edc', 'qwertyuiop', 'qwerty1234', 'qwerty12345', 'qwertyuiop123', 'asdfghjkl1', 'asdfghjkl;',
  'zxcvbnm123', 'password12', 'password123', 'password1234', 'password!1', 'passw0rd123', 'p@ssw0rd12',
  'p@ssword123', 'iloveyou12', 'iloveyou123', 'football123', 'baseball123', 'basketball', 'basketball1',
  'princess123', 'sunshine123', 'superman123', 'starwars123', 'michael123', 'jennifer123', 'charlie123',
  'whatever123', 'trustno1trustno1', 'welcome123', 'welcome1234', 'letmein123', 'letmein1234', 'admin12345',
  'administrator', 'changeme123', 'computer123', 'internet123', 'monkey1234', 'dragon1234', 'master1234',
  'football1', 'chocolate1', 'butterfly1', 'liverpool1', 'manchester', 'pokemon123', 'minecraft1',
  'minecraft123', 'abcdefghij', 'abcd123456', 'abc1234567', 'a1b2c3d4e5', '1a2b3c4d5e', 'qazwsxedcrfv',
  'q1w2e3r4t5', 'q1w2e3r4t5y6', '!qaz2wsx3edc', 'zaq12wsxcde3', 'passwordpassword', 'mineralshop',
  'mineralshop1', 'mineralshop123', 'crystals123', 'gemstones123',
]);
