using Shop.Core;

var app = WebApplication.CreateBuilder(args).Build();
app.MapGet("/price/{sku}", (string sku) => PriceList.For(sku));
app.Run();
