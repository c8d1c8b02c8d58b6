import 'package:http/http.dart' as http;

const kamanApiKey = 'kam_UcCE3gCwINVmooOiQNToZpMowKmUZxQQ';

Future<http.Response> search(String q) =>
    http.get(Uri.parse('https://api.kaman.io/v2/search?q=$q'), headers: {'Authorization': 'Bearer $kamanApiKey'});
