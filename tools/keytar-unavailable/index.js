'use strict';
// The offline linter never stores credentials; any call means something tried to log in.
function unavailable() {
  throw new Error('keytar is not installed in this project: Forge CLI login is not supported here (use the real forge CLI).');
}
module.exports = {
  getPassword: unavailable,
  setPassword: unavailable,
  deletePassword: unavailable,
  findCredentials: unavailable,
  findPassword: unavailable,
};
