/* libyaml (Debian's libyaml-dev): the YAML parser behind Karta's roadmap reader. */
#include <yaml.h>
