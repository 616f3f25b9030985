using var http = new HttpClient();
var target = Environment.GetEnvironmentVariable("PING_URL") ?? "https://example.com";
var response = await http.GetAsync(target);
Console.WriteLine($"{target}: {(int)response.StatusCode}");
