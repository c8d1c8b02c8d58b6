#define KAMAN_API_KEY @"kam_5SpqyZTu4zd1edKwnib1A1WMrQNTNpOH"
